using System.Diagnostics;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Models;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Load.Engine;

/// <summary>Runs a scenario's load against a target: picks the strategy and the model, bounds them, and measures.</summary>
public sealed class LoadRunner
{
    private readonly LoadSettings _settings;
    private readonly LoadTarget _target;

    /// <summary>Creates the runner.</summary>
    public LoadRunner(LoadSettings settings, LoadTarget target)
    {
        _settings = settings;
        _target = target;
    }

    /// <summary>Live counters of the run.</summary>
    public LoadMetrics Metrics { get; } = new();

    /// <summary>How long arrivals ran (for throughput).</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>Runs the load until its bounds or <paramref name="ct"/> stop it.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await using var strategy = RequestStrategies.Create(_settings, _target, Metrics);
        var bounds = new LoadBounds
        {
            Duration = _settings.Duration,
            MaxRequests = _settings.MaxRequests,
            DrainTimeout = _settings.Timeout + TimeSpan.FromSeconds(1),
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_settings.Model == LoadModelKind.Rate)
            {
                var maxInFlight = (int)Math.Clamp(_settings.Rate * _settings.Timeout.TotalSeconds * 2, 64, 10_000);
                await new RateModel(_settings.Rate, maxInFlight).RunAsync(strategy, Metrics, bounds, ct);
            }
            else
            {
                await new ConcurrencyModel(_settings.Concurrency).RunAsync(strategy, Metrics, bounds, ct);
            }
        }
        finally
        {
            LoadTime = Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>The client summary of the run so far.</summary>
    public ClientSummary Summarize() => Metrics.Summarize(LoadTime > TimeSpan.Zero ? LoadTime : _settings.Duration);
}
