using System.Diagnostics;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Load.Models;

/// <summary>
/// Open model: arrivals on a schedule whatever the server does. Each request's latency counts from its scheduled
/// time, so a slow server cannot hide behind a slow client (no coordinated omission); arrivals that start late
/// (because <c>maxInFlight</c> requests are already busy, or the client itself fell behind) are counted.
/// </summary>
public sealed class RateModel
{
    private static readonly long LateAfterMinimum = Stopwatch.Frequency / 100;
    private readonly int _rate;
    private readonly IReadOnlyList<RateStage> _stages;
    private readonly int _maxInFlight;

    /// <summary>Creates the model: <paramref name="rate"/> arrivals per second (the start of <paramref name="stages"/> when there are any), at most <paramref name="maxInFlight"/> requests at once.</summary>
    public RateModel(int rate, IReadOnlyList<RateStage> stages, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _rate = rate;
        _stages = stages;
        _maxInFlight = maxInFlight;
    }

    /// <summary>Runs arrivals until the bounds or <paramref name="ct"/> stop it, then waits for requests in flight.</summary>
    public async Task RunAsync(IRequestStrategy strategy, LoadMetrics metrics, LoadBounds bounds, CancellationToken ct)
    {
        using var inFlight = new InFlight(_maxInFlight);
        var schedule = new ArrivalSchedule(_rate, _stages);
        var perExecution = strategy.RequestsPerExecution;
        var start = Stopwatch.GetTimestamp();
        var freq = (double)Stopwatch.Frequency;
        var end = bounds.Duration.TotalSeconds;
        var endAt = start + (long)(end * freq);
        var next = schedule.Next();
        long launched = 0;
        try
        {
            while (!ct.IsCancellationRequested && launched < bounds.MaxRequests && next < end)
            {
                var now = (Stopwatch.GetTimestamp() - start) / freq;
                if (now >= end)
                {
                    break;
                }

                while (next <= now && next < end && launched < bounds.MaxRequests && !ct.IsCancellationRequested && Stopwatch.GetTimestamp() < endAt)
                {
                    var intended = start + (long)(next * freq);
                    if (!inFlight.TryEnter())
                    {
                        await inFlight.EnterAsync(ct);
                    }

                    if (IsLate(Stopwatch.GetTimestamp(), intended, schedule.Interval))
                    {
                        metrics.OnLate();
                    }

                    launched += perExecution;
                    metrics.OnStarted(perExecution);
                    _ = RunOneAsync(strategy, inFlight, intended, ct);
                    next = schedule.Next();
                }

                var wait = next - ((Stopwatch.GetTimestamp() - start) / freq);
                if (wait > 0)
                {
                    // Timers tick in whole milliseconds: sleep at least one and start every arrival that fell due meanwhile.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait * 1000, 1, 50)), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        // Arrivals that fell due before the end but never started (the loop woke after the end, or every slot stayed busy)
        // are late arrivals: each is started late when a slot is free at once, as a catch-up during the run would, so a stall
        // in the last moments does not thin the offered rate; none is waited for (the run is over), and none is dropped silently.
        while (!ct.IsCancellationRequested && next < end && launched < bounds.MaxRequests)
        {
            metrics.OnLate();
            launched += perExecution;
            if (inFlight.TryEnter())
            {
                metrics.OnStarted(perExecution);
                _ = RunOneAsync(strategy, inFlight, start + (long)(next * freq), ct);
            }

            next = schedule.Next();
        }

        await inFlight.WaitAllAsync(bounds.DrainTimeout);
    }

    /// <summary>
    /// Whether an arrival intended at <paramref name="intended"/> and started at <paramref name="now"/> (timestamps) is late:
    /// later than the arrivals' <paramref name="interval"/> (seconds), and at least 10 ms.
    /// </summary>
    internal static bool IsLate(long now, long intended, double interval) =>
        now - intended > Math.Max(LateAfterMinimum, (long)(interval * Stopwatch.Frequency));

    private static async Task RunOneAsync(IRequestStrategy strategy, InFlight inFlight, long intended, CancellationToken ct)
    {
        try
        {
            await strategy.ExecuteAsync(0, intended, ct);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            inFlight.Exit();
        }
    }
}
