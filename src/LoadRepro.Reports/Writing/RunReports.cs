using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Reports.Writing;

/// <summary>Writes every format of a run into its directory.</summary>
public static class RunReports
{
    /// <summary>The formats written for each run, summary first.</summary>
    public static IReadOnlyList<IRunReport> All { get; } = [new JsonSummary(), new CsvSamples(), new MarkdownReport(), new HtmlReport()];

    /// <summary>Writes every format; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, RunRecord run, IReadOnlyList<Sample> samples)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var format in All)
        {
            var path = Path.Combine(directory, format.FileName);
            AtomicFile.WriteAllText(path, format.Render(run, samples));
            written.Add(path);
        }

        return written;
    }
}
