using System.Diagnostics;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Load.Models;

/// <summary>
/// Open model: arrivals at a fixed rate whatever the server does. Each request's latency counts from its scheduled
/// time, so a slow server cannot hide behind a slow client (no coordinated omission); arrivals that start late are counted.
/// </summary>
public sealed class RateModel
{
    private readonly int _rate;
    private readonly int _maxInFlight;

    /// <summary>Creates the model with <paramref name="rate"/> arrivals per second and at most <paramref name="maxInFlight"/> requests at once.</summary>
    public RateModel(int rate, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _rate = rate;
        _maxInFlight = maxInFlight;
    }

    /// <summary>Runs arrivals until the bounds or <paramref name="ct"/> stop it, then waits for requests in flight.</summary>
    public async Task RunAsync(IRequestStrategy strategy, LoadMetrics metrics, LoadBounds bounds, CancellationToken ct)
    {
        using var inFlight = new InFlight(_maxInFlight);
        var start = Stopwatch.GetTimestamp();
        var ticksPerArrival = (double)Stopwatch.Frequency / _rate;
        var lateAfter = (long)Math.Max(Stopwatch.Frequency / 100.0, ticksPerArrival);
        var end = start + (long)(bounds.Duration.TotalSeconds * Stopwatch.Frequency);
        long launched = 0;
        try
        {
            while (!ct.IsCancellationRequested && launched < bounds.MaxRequests)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end)
                {
                    break;
                }

                var due = Math.Min(bounds.MaxRequests, (long)((now - start) / ticksPerArrival) + 1);
                while (launched < due && !ct.IsCancellationRequested)
                {
                    var intended = start + (long)(launched * ticksPerArrival);
                    if (!inFlight.TryEnter())
                    {
                        await inFlight.EnterAsync(ct);
                    }

                    if (Stopwatch.GetTimestamp() - intended > lateAfter)
                    {
                        metrics.OnLate();
                    }

                    launched++;
                    metrics.OnStarted();
                    _ = RunOneAsync(strategy, inFlight, intended, ct);
                }

                await Task.Delay(1, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        await inFlight.WaitAllAsync(bounds.DrainTimeout);
    }

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
