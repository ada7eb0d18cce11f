using System.Text.Json;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Comparison;

/// <summary>Writes a comparison's files: <c>compare.json</c>, <c>compare.md</c>, <c>compare.html</c>.</summary>
public static class ComparisonReports
{
    /// <summary>The JSON file name.</summary>
    public const string JsonName = "compare.json";

    /// <summary>Writes the three files of <paramref name="c"/>, the comparison of <paramref name="a"/> with <paramref name="b"/>, into <paramref name="directory"/>.</summary>
    public static void Write(string directory, ComparisonRecord c, RunResult a, RunResult b)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, JsonName), JsonSerializer.Serialize(c, RecordJson.Options) + "\n");
        AtomicFile.WriteAllText(Path.Combine(directory, CompareMarkdown.Name), CompareMarkdown.Render(c));
        AtomicFile.WriteAllText(Path.Combine(directory, CompareHtml.Name), CompareHtml.Render(c, a, b));
    }
}
