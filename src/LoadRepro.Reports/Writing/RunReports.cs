using LoadRepro.Core.Records;
using LoadRepro.Reports.Charts;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Reports.Writing;

/// <summary>Writes every format of a run into its directory.</summary>
public static class RunReports
{
    /// <summary>The formats written for each run, summary first.</summary>
    public static IReadOnlyList<IRunReport> All { get; } = [new JsonSummary(), new CsvSamples(), new ClientCsv(), new MarkdownReport(), new HtmlReport()];

    /// <summary>The formats rendered from summary.json and samples.csv: what <c>loadrepro report</c> writes again.</summary>
    public static IReadOnlyList<IRunReport> Rendered { get; } = All.Where(f => f.FileName is not (JsonSummary.Name or CsvSamples.Name or ClientCsv.Name)).ToList();

    /// <summary>
    /// Draws one small chart and throws it away, so that the first report of this process does not pay for loading the chart
    /// library and compiling its code (half of the report's time, about 0.5 s on 2 busy cores). For time spent waiting anyway,
    /// such as a run's drain.
    /// </summary>
    public static void WarmUp() =>
        _ = SvgChart.Render(new ChartSpec { Title = "", YLabel = "", Series = [new ChartSeries("", [0, 1], [0, 1], ChartPalette.Limit)], Limit = (1, "") }, 160, 90);

    /// <summary>Writes every format; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) =>
        Write(All, directory, run, samples, client);

    /// <summary>Writes <paramref name="formats"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<IRunReport> formats, string directory, RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var format in formats)
        {
            var path = Path.Combine(directory, format.FileName);
            AtomicFile.WriteAllText(path, format.Render(run, samples, client));
            written.Add(path);
        }

        return written;
    }
}
