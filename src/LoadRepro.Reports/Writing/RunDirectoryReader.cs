using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Reports.Writing;

/// <summary>Reads a run back from its directory: <c>summary.json</c>, <c>samples.csv</c> and, when present, <c>client.csv</c>.</summary>
public static class RunDirectoryReader
{
    /// <summary>Reads a run directory.</summary>
    /// <exception cref="InvalidDataException">The directory or one of its files is missing or not what it should be; the message is one line naming it.</exception>
    public static RunResult Read(string directory)
    {
        if (!Directory.Exists(directory))
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
        return new RunResult(directory, record, CsvSamples.Read(ReadText(samplesPath), samplesPath), client);
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
