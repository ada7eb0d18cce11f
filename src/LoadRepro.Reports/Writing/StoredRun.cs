using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Reports.Writing;

/// <summary>A run read back from its directory: <c>summary.json</c>, <c>samples.csv</c> and, when present, <c>client.csv</c>.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Record">The run record.</param>
/// <param name="Samples">The samples.</param>
/// <param name="Client">The client's per-second series; empty when the run has none.</param>
public sealed record StoredRun(string Directory, RunRecord Record, IReadOnlyList<Sample> Samples, IReadOnlyList<ClientSecond> Client)
{
    /// <summary>True when <paramref name="path"/> looks like a run directory (it holds a summary.json).</summary>
    public static bool IsRunDirectory(string path) => File.Exists(Path.Combine(path, JsonSummary.Name));

    /// <summary>Reads a run directory.</summary>
    /// <exception cref="InvalidDataException">The directory or one of its files is missing or not what it should be; the message is one line naming it.</exception>
    public static StoredRun Read(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidDataException($"{directory}: no such run directory");
        }

        var summaryPath = Path.Combine(directory, JsonSummary.Name);
        var samplesPath = Path.Combine(directory, CsvSamples.Name);
        var record = JsonSummary.Read(ReadText(summaryPath), summaryPath);
        if (string.IsNullOrEmpty(record.Scenario) || record.Diagnosis is null || record.Target is null || record.Phases is null)
        {
            throw new InvalidDataException($"{summaryPath}: not a run record (keys are missing)");
        }

        // client.csv is optional: runs recorded before it existed, and lab runs, have none.
        var clientPath = Path.Combine(directory, ClientCsv.Name);
        var client = File.Exists(clientPath) ? ClientCsv.Read(ReadText(clientPath), clientPath) : [];
        return new StoredRun(directory, record, CsvSamples.Read(ReadText(samplesPath), samplesPath), client);
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read it ({e.Message})", e);
        }
    }
}
