using LoadRepro.Engine;
using LoadRepro.Pipeline;

namespace LoadRepro;

/// <summary>
/// Runs scenarios and comparisons from code, on the same pipeline as the <c>loadrepro</c> command: the server started (or
/// found) where the target says, the load driven in this process, the server sampled ten times a second, the run judged and
/// every report written to the run's directory. Runs are bounded by their scenario's duration and request cap.
/// </summary>
public static class LoadReproRunner
{
    /// <summary>Runs <paramref name="scenario"/> against <paramref name="target"/> (default: the embedded test server).</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="target">Where the server is; null: the embedded test server.</param>
    /// <param name="options">Overrides; null: the scenario as it is.</param>
    /// <param name="progress">Hears the run's stages and, under load, its figures once a second.</param>
    /// <param name="cancellationToken">Interrupts the run: the load and the server are stopped and what was measured is still
    /// judged and written; the result says <see cref="RunOutcome.Interrupted"/>.</param>
    /// <returns>The run's outcome.</returns>
    /// <exception cref="ArgumentException">The options or target do not fit the scenario (e.g. a rate and a concurrency, a remote URL).</exception>
    /// <exception cref="InvalidOperationException">The run could not start (port busy, server did not start, not root for the lab).</exception>
    public static Task<RunOutcome> RunAsync(
        Scenario scenario, RunTarget? target = null, RunOptions? options = null, IProgress<RunUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ApiErrors.GuardAsync(async () =>
        {
            ProgramLocation.UseForChildren();
            var plan = await RunService.PlanAsync(new RunRequest(scenario, target ?? RunTarget.EmbeddedServer(), options ?? new RunOptions()), cancellationToken);
            return new RunOutcome(await RunService.ExecuteAsync(plan, new ProgressObserver(progress), cancellationToken));
        });
    }

    /// <summary>
    /// Compares <paramref name="a"/> (the baseline, e.g. the leak) with <paramref name="b"/> (the candidate, e.g. the fix),
    /// both on the embedded test server (each with its own scenario's bug and keep-alive): does the fix hold?
    /// </summary>
    /// <inheritdoc cref="CompareAsync(Scenario, RunTarget, Scenario, RunTarget, RunOptions?, IProgress{RunUpdate}?, CancellationToken)"/>
    public static Task<ComparisonOutcome> CompareAsync(
        Scenario a, Scenario b, RunOptions? options = null, IProgress<RunUpdate>? progress = null, CancellationToken cancellationToken = default) =>
        CompareAsync(a, RunTarget.EmbeddedServer(), b, RunTarget.EmbeddedServer(), options, progress, cancellationToken);

    /// <summary>
    /// Compares run A (<paramref name="a"/> on <paramref name="targetA"/>) with run B (<paramref name="b"/> on
    /// <paramref name="targetB"/>), e.g. one scenario on two builds of your server, each started from its own command: the
    /// fix story, with B judged against its gates. Both sides are checked before A runs.
    /// </summary>
    /// <param name="a">A's scenario (the baseline).</param>
    /// <param name="targetA">A's server.</param>
    /// <param name="b">B's scenario (the candidate).</param>
    /// <param name="targetB">B's server.</param>
    /// <param name="options">Overrides for both runs; its <see cref="RunOptions.Expect"/> gates apply to B only; the comparison's directory goes in its <see cref="RunOptions.ReportsFolder"/>.</param>
    /// <param name="progress">Hears both runs go.</param>
    /// <param name="cancellationToken">Interrupts the comparison: the run under way keeps its partial report; no verdict is made.</param>
    /// <returns>The comparison's outcome.</returns>
    /// <exception cref="ArgumentException">The options or targets do not fit the scenarios.</exception>
    /// <exception cref="InvalidOperationException">A run could not start.</exception>
    public static Task<ComparisonOutcome> CompareAsync(
        Scenario a, RunTarget targetA, Scenario b, RunTarget targetB, RunOptions? options = null, IProgress<RunUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(targetA);
        ArgumentNullException.ThrowIfNull(targetB);
        var o = options ?? new RunOptions();
        return ApiErrors.GuardAsync(async () =>
        {
            ProgramLocation.UseForChildren();
            var planA = await RunService.PlanAsync(new RunRequest(a, targetA, o with { Expect = [] }), cancellationToken);
            var planB = await RunService.PlanAsync(new RunRequest(b, targetB, o), cancellationToken);
            var (nameA, nameB) = a.Name == b.Name ? (a.Name + "-a", b.Name + "-b") : (a.Name, b.Name);
            var pair = await PairComparison.RunAsync(
                planA.ReportsFolder, new PairSide(nameA, planA, null), new PairSide(nameB, planB, null), () => new ProgressObserver(progress), (_, _) => { }, cancellationToken);
            return new ComparisonOutcome(pair.Directory, new RunOutcome(pair.A), pair.B is null ? null : new RunOutcome(pair.B), pair.Comparison);
        });
    }
}
