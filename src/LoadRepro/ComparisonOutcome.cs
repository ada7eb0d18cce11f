using System.Text;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Reports.Comparison;

namespace LoadRepro;

/// <summary>
/// The result of comparing two runs, A (the baseline, e.g. the build with the bug) and B (the candidate, e.g. the fix): the
/// fix story in plain words, whether it holds (B is judged against its gates), both runs, and where the comparison report is.
/// </summary>
public sealed class ComparisonOutcome
{
    internal ComparisonOutcome(string directory, RunOutcome a, RunOutcome? b, ComparisonRecord? comparison)
    {
        Directory = directory;
        A = a;
        B = b;
        Record = comparison;
        Gates = comparison is null ? [] : [.. comparison.Gates.Select(g => new GateOutcome(g.Name, g.Limit, g.Actual, g.Passed))];
    }

    /// <summary>Run A, the baseline.</summary>
    public RunOutcome A { get; }

    /// <summary>Run B, the candidate; null when the comparison was cancelled before it ran.</summary>
    public RunOutcome? B { get; }

    /// <summary>True when the fix holds: both runs complete and every gate on B held.</summary>
    public bool Holds => Record?.Passed ?? false;

    /// <summary>True when a run was cancelled: no verdict was made.</summary>
    public bool Interrupted => Record is null;

    /// <summary>The story the two runs tell, e.g. <c>fix-holds</c>; <c>interrupted</c> without a verdict.</summary>
    public string Story => Record is null ? "interrupted" : KebabNames.Name(Record.Story);

    /// <summary>The verdict in one sentence.</summary>
    public string Headline => Record?.Verdict.Headline ?? "a run was cancelled before both were in: no verdict";

    /// <summary>The verdict's reasons, one line each.</summary>
    public IReadOnlyList<string> Reasons => Record is null ? [] : [.. Record.Verdict.Reasons.Select(r => r.Text)];

    /// <summary>The gates judged on B.</summary>
    public IReadOnlyList<GateOutcome> Gates { get; }

    /// <summary>The comparison's directory (<c>compare.json</c>, <c>compare.md</c>, <c>compare.html</c>, and both runs under <c>runs/</c>).</summary>
    public string Directory { get; }

    /// <summary>The comparison report with charts, <c>compare.html</c>.</summary>
    public string ReportPath => Path.Combine(Directory, CompareHtml.Name);

    internal ComparisonRecord? Record { get; }

    /// <summary>The comparison in lines a person can act on: the verdict, its reasons, failed gates, both diagnoses, where the report is.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(A.Scenario).Append(" (A) vs ").Append(B?.Scenario ?? "?").Append(" (B): ").AppendLine(Headline);
        foreach (var reason in Reasons)
        {
            text.Append("  ").AppendLine(reason);
        }

        foreach (var g in Gates.Where(g => !g.Passed))
        {
            text.Append("  gate on B ").AppendLine(g.ToString());
        }

        text.Append("  A: diagnosis ").Append(A.Diagnosis).Append(": ").AppendLine(A.DiagnosisSummary);
        if (B is not null)
        {
            text.Append("  B: diagnosis ").Append(B.Diagnosis).Append(": ").AppendLine(B.DiagnosisSummary);
        }

        return text.Append("  report: ").Append(ReportPath).ToString();
    }
}
