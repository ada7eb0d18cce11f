using System.Diagnostics;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Load.Models;

/// <summary>Closed model: N workers, each starting its next request when the last one ends.</summary>
public sealed class ConcurrencyModel
{
    private readonly int _workers;

    /// <summary>Creates the model with <paramref name="workers"/> workers.</summary>
    public ConcurrencyModel(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
    }

    /// <summary>Runs the workers until the bounds or <paramref name="ct"/> stop them.</summary>
    public async Task RunAsync(IRequestStrategy strategy, LoadMetrics metrics, LoadBounds bounds, CancellationToken ct)
    {
        var end = Stopwatch.GetTimestamp() + (long)(bounds.Duration.TotalSeconds * Stopwatch.Frequency);
        var perExecution = strategy.RequestsPerExecution;
        long left = bounds.MaxRequests;
        var workers = new Task[_workers];
        for (var w = 0; w < _workers; w++)
        {
            workers[w] = WorkAsync(w);
        }

        await Task.WhenAll(workers);

        async Task WorkAsync(int worker)
        {
            await Task.Yield();
            while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < end && Interlocked.Add(ref left, -perExecution) >= 0)
            {
                metrics.OnStarted(perExecution);
                try
                {
                    await strategy.ExecuteAsync(worker, Stopwatch.GetTimestamp(), ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
