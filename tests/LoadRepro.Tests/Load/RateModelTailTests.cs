using LoadRepro.Load.Metrics;
using LoadRepro.Load.Models;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Tests.Load;

/// <summary>The open model's last moments: arrivals that fell due before the end are started even when the loop wakes after it.</summary>
public sealed class RateModelTailTests
{
    [Fact]
    public async Task AStallAtTheEnd_StillStartsEveryArrivalThatFellDue_AndCountsThemLate()
    {
        // 200/s for 1 s is 200 arrivals; the 150th stalls the arrival loop for 400 ms, past the end of the load.
        await using var strategy = new StallingStrategy(stallAt: 150, TimeSpan.FromMilliseconds(400));
        var metrics = new LoadMetrics();
        var bounds = new LoadBounds { Duration = TimeSpan.FromSeconds(1), MaxRequests = 10_000, DrainTimeout = TimeSpan.FromSeconds(5) };

        await new RateModel(200, [], maxInFlight: 1000).RunAsync(strategy, metrics, bounds, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, metrics.Started);
        Assert.Equal(200, strategy.Executed);
        Assert.True(metrics.LateArrivals >= 40, $"only {metrics.LateArrivals} arrivals counted late after a 400 ms stall");
    }

    [Fact]
    public async Task AtTheEnd_NoArrivalWaitsForASlot_ItIsCountedLateInstead()
    {
        // One slot, held 300 ms by each request: the loop waits during the run, but once the run is over nothing waits.
        await using var strategy = new StallingStrategy(stallAt: -1, TimeSpan.Zero, hold: TimeSpan.FromMilliseconds(300));
        var metrics = new LoadMetrics();
        var bounds = new LoadBounds { Duration = TimeSpan.FromSeconds(1), MaxRequests = 10_000, DrainTimeout = TimeSpan.FromSeconds(5) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await new RateModel(100, [], maxInFlight: 1).RunAsync(strategy, metrics, bounds, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Waiting for slots after the end would start an arrival every 300 ms through the 5 s drain (more than 6 started) and
        // end past 6 s; the bound leaves room for a loaded machine, the count is the sharp check.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5.5), $"the run went on for {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(metrics.Started, 2, 6);
        Assert.True(metrics.LateArrivals >= 90, $"late arrivals {metrics.LateArrivals} of 100");
    }

    /// <summary>Answers at once, except: arrival number <c>stallAt</c> blocks its caller (the arrival loop) synchronously; each holds its slot for <c>hold</c>.</summary>
    private sealed class StallingStrategy(int stallAt, TimeSpan stall, TimeSpan hold = default) : IRequestStrategy
    {
        private int _executed;

        public int RequestsPerExecution => 1;

        public int Executed => Volatile.Read(ref _executed);

        public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _executed) == stallAt)
            {
                Thread.Sleep(stall);
            }

            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold, ct);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
