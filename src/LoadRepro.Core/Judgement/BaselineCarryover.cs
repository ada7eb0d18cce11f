using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// How a comparison treats what a side found on the port when its load started. Two runs on one fixed port follow each
/// other within seconds, and the first's TIME_WAIT lasts 60 s: the harness accounts for it rather than waiting it out, so
/// each side is judged on what it added over its own baseline, and the comparison says so.
/// </summary>
public static class BaselineCarryover
{
    /// <summary>A reason for each side that started among sockets already on its port; none when both started clean.</summary>
    public static IEnumerable<ComparisonReason> Reasons(RunRecord a, RunRecord b)
    {
        if (Note("A", a, "earlier connections") is { } first)
        {
            yield return first;
        }

        var leftBy = a.Target.Url == b.Target.Url ? "A (or earlier connections)" : "earlier connections";
        if (Note("B", b, leftBy) is { } second)
        {
            yield return second;
        }
    }

    private static ComparisonReason? Note(string side, RunRecord run, string leftBy)
    {
        if (BaselinePiles.Describe(run.Baseline.Tcp, run.Baseline.ClientTcp) is not { } piles)
        {
            return null;
        }

        var port = BaselinePiles.PortOf(run.Target.Url) is { } p ? string.Create(CultureInfo.InvariantCulture, $"port {p}") : "its port";
        var lasts = BaselinePiles.HasTimeWait(run.Baseline.Tcp, run.Baseline.ClientTcp) ? ", TIME_WAIT lasts 60 s" : "";
        return new ComparisonReason(
            $"{side} started with {piles} on {port}, left by {leftBy}{lasts}: accounted for, not waited out; {side} is judged on what it added.",
            null);
    }
}
