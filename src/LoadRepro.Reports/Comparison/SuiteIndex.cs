using System.Globalization;
using System.Text;
using LoadRepro.Core.Judgement;
using LoadRepro.Reports.Html;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Comparison;

/// <summary><c>index.html</c> of a suite: one row per pair with its verdict and a link to its comparison.</summary>
public static class SuiteIndex
{
    /// <summary>The file name.</summary>
    public const string Name = "index.html";

    /// <summary>Writes the index of <paramref name="pairs"/> (each comparison's directory and record) into <paramref name="directory"/>.</summary>
    public static void Write(string directory, string suite, string description, IReadOnlyList<(string Directory, ComparisonRecord Comparison)> pairs)
    {
        var sb = new StringBuilder();
        void Add(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        string E(string s) => HtmlPage.Encode(s);
        var failed = pairs.Count(p => !p.Comparison.Passed);
        Add($"<h1>Suite {E(suite)}</h1>");
        Add($"<p class=\"sub\">{E(description)}</p>");
        Add($"<div class=\"verdict {(failed == 0 ? "good" : "bad")}\"><div class=\"big\">{(failed == 0 ? $"All {pairs.Count} comparisons passed their gates" : $"{failed} of {pairs.Count} comparisons FAILED")}</div></div>");
        Add($"<table><tr><th>A</th><th>B</th><th>verdict</th><th>gates</th><th>report</th></tr>");
        foreach (var (dir, c) in pairs)
        {
            var rel = Path.GetRelativePath(directory, dir);
            Add($"<tr><td>{E(c.A.Scenario)}</td><td>{E(c.B.Scenario)}</td><td>{E(c.Verdict.Headline)}</td><td class=\"{(c.Passed ? "pass" : "fail")}\">{(c.Passed ? "pass" : "FAIL")}</td><td><a href=\"{E(rel)}/{CompareHtml.Name}\">compare.html</a></td></tr>");
        }

        Add($"</table>");
        AtomicFile.WriteAllText(Path.Combine(directory, Name), HtmlPage.Document($"Suite {suite}", sb.ToString()));
    }
}
