using LoadRepro.Core.Gates;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>A finished run judged again against gates it was not run with, e.g. those given on compare's command line.</summary>
public static class RejudgedRun
{
    /// <summary><paramref name="run"/> with the gates of <paramref name="extra"/> added (a gate of the same name is replaced) and whether it passed judged again over all of them.</summary>
    public static RunResult WithGates(RunResult run, ExpectSettings extra)
    {
        var added = GateEvaluator.Evaluate(extra, run.Record);
        var gates = run.Record.Gates.Where(g => added.All(n => n.Name != g.Name)).Concat(added).ToList();
        return run with { Record = run.Record with { Gates = gates, Passed = gates.All(g => g.Passed) } };
    }
}
