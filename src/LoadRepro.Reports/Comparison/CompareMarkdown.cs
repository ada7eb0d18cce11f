using System.Globalization;
using System.Text;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;

namespace LoadRepro.Reports.Comparison;

/// <summary><c>compare.md</c>: the verdict, its reasons, the key figures and the gates, for pasting into a review.</summary>
public static class CompareMarkdown
{
    /// <summary>The file name.</summary>
    public const string Name = "compare.md";

    /// <summary>Renders the comparison.</summary>
    public static string Render(ComparisonRecord c)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"# {c.A.Scenario} (A) vs {c.B.Scenario} (B): gates {(c.Passed ? "passed" : "FAILED")}");
        Line($"");
        Line($"**{c.Verdict.Headline}**");
        Line($"");
        foreach (var r in c.Verdict.Reasons)
        {
            Line($"- {r.Ok switch { true => "✓ ", false => "✗ ", null => "" }}{r.Text}");
        }

        Line($"");
        Line($"A: {c.A.Load}; diagnosis `{KebabNames.Name(c.A.Diagnosis)}` ({c.A.Directory}){StartedBy(c.A)}.");
        Line($"B: {c.B.Load}; diagnosis `{KebabNames.Name(c.B.Diagnosis)}` ({c.B.Directory}){StartedBy(c.B)}.");
        foreach (var (label, run) in new[] { ("A", c.A), ("B", c.B) })
        {
            if (run.Leaks is { } leaks)
            {
                Line($"{label}: connections left after the drain, by request: {leaks}.");
            }
        }

        Line($"");
        if (c.Settings.Count > 0)
        {
            Line($"| sysctl | A | B | changed anything measurable? |");
            Line($"|---|---|---|---|");
            foreach (var st in c.Settings)
            {
                Line($"| `{st.Name}` | {st.A} | {st.B} | {CompareHtml.Effect(st)} |");
            }

            Line($"");
        }

        Line($"| figure | A | B | change A → B |");
        Line($"|---|---:|---:|---:|");
        foreach (var f in c.Figures)
        {
            Line($"| {f.Name} | {CompareHtml.Show(f.A, f.Unit)} | {CompareHtml.Show(f.B, f.Unit)} | {f.Change}{f.Better switch { ComparisonSide.B => " (better)", ComparisonSide.A => " (worse)", _ => "" }} |");
        }

        if (c.Gates.Count > 0)
        {
            Line($"");
            Line($"| gate | expected | measured | result |");
            Line($"|---|---|---|---|");
            foreach (var g in c.Gates)
            {
                Line($"| {g.Name} | {g.Limit} | {g.Actual} | {(g.Passed ? "pass" : "FAIL")} |");
            }
        }

        return sb.ToString();
    }

    private static string StartedBy(ComparedRun run) => run.Command is { } command ? $"; server started by `{command}`" : "";
}
