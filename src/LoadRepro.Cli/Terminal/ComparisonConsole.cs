using LoadRepro.Core.Judgement;
using LoadRepro.Reports.Comparison;

namespace LoadRepro.Cli.Terminal;

/// <summary>What <c>loadrepro compare</c> prints once both runs are in: the verdict, its reasons, failed gates, where the report is.</summary>
public static class ComparisonConsole
{
    /// <summary>Prints the comparison's result lines.</summary>
    public static void Result(TextWriter output, ComparisonRecord c, string directory)
    {
        output.WriteLine($"compare {c.A.Scenario} (A) vs {c.B.Scenario} (B): {c.Verdict.Headline}");
        foreach (var r in c.Verdict.Reasons)
        {
            output.WriteLine($"  {r.Ok switch { true => "ok  ", false => "FAIL", null => "-   " }} {r.Text}");
        }

        foreach (var g in c.Gates.Where(g => !g.Passed))
        {
            output.WriteLine($"  gate {g.Name} failed: expected {g.Limit}, got {g.Actual}");
        }

        output.WriteLine($"  gates {(c.Passed ? "passed" : "FAILED")}; report: {Path.Combine(directory, CompareHtml.Name)}");
    }
}
