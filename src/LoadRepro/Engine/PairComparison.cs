using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Pipeline;
using LoadRepro.Reports.Comparison;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Engine;

/// <summary>
/// The one way two runs are compared (the API's and <c>loadrepro compare</c>'s): a directory for the pair, A then B run
/// through the pipeline into its <c>runs/</c> (or read from disk), the judge's verdict, every comparison report.
/// </summary>
internal static class PairComparison
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/>; without a verdict when a run made now was interrupted.</summary>
    /// <param name="folder">Where the pair's directory is made.</param>
    /// <param name="a">The baseline.</param>
    /// <param name="b">The candidate.</param>
    /// <param name="observer">Makes the observer of each run made now.</param>
    /// <param name="ran">Hears each run made now, with its observer, once it is written.</param>
    /// <param name="ct">Interrupts the runs.</param>
    public static async Task<ComparedPair> RunAsync(
        string folder, PairSide a, PairSide b, Func<IRunObserver> observer, Action<IRunObserver, RunResult> ran, CancellationToken ct)
    {
        var dir = RunDirectory.Create(folder, $"compare-{a.Name}-vs-{b.Name}", DateTimeOffset.UtcNow);
        var runs = Path.Combine(dir, "runs");
        var runA = await GetAsync(a, runs, observer, ran, ct);
        if (a.Stored is null && runA.Record.Interrupted)
        {
            return new ComparedPair(dir, runA, null, null);
        }

        var runB = await GetAsync(b, runs, observer, ran, ct);
        if (b.Stored is null && runB.Record.Interrupted)
        {
            return new ComparedPair(dir, runA, runB, null);
        }

        var comparison = ComparisonJudge.Compare(runA, runB, dir);
        ComparisonReports.Write(dir, comparison, runA, runB);
        return new ComparedPair(dir, runA, runB, comparison);
    }

    private static async Task<RunResult> GetAsync(PairSide side, string runs, Func<IRunObserver> observer, Action<IRunObserver, RunResult> ran, CancellationToken ct)
    {
        if (side.Stored is not null)
        {
            return side.Stored;
        }

        var watching = observer();
        var run = await RunService.ExecuteAsync(side.Plan! with { ReportsFolder = runs }, watching, ct);
        ran(watching, run);
        return run;
    }
}
