using System.Diagnostics;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Connections;
using LoadRepro.Load.Http;
using LoadRepro.Load.Loop;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Models;
using LoadRepro.Load.Strategies;

namespace LoadRepro.Load.Engine;

/// <summary>Runs a scenario's load against a target: picks the strategy and the model, bounds them, and measures.</summary>
public sealed class LoadRunner : IAsyncDisposable
{
    private readonly HeldConnections _held = new();
    private readonly LoadSettings _settings;
    private readonly LoadTarget _target;
    private readonly RequestMix _mix;

    /// <summary>Creates the runner; without <c>request</c> or <c>requests</c> it sends GET of the target's path.</summary>
    public LoadRunner(LoadSettings settings, LoadTarget target)
    {
        _settings = settings;
        _target = target;
        _mix = RequestMix.For(settings, target.Path);
        Metrics = new LoadMetrics(_mix.Kinds) { CountsHandshakes = target.Tls is not null };
        TimeSeries = new ClientTimeSeries(Metrics);
    }

    /// <summary>Idle connections still held (idle-hold) after their requests were answered.</summary>
    public int HeldConnections => _held.Count;

    /// <summary>Closes the connections idle-hold still holds: the end of the run, after the drain.</summary>
    public ValueTask DisposeAsync() => _held.DisposeAsync();

    /// <summary>Live counters of the run.</summary>
    public LoadMetrics Metrics { get; }

    /// <summary>The per-second rows of the run, taken while it runs.</summary>
    public ClientTimeSeries TimeSeries { get; }

    /// <summary>How long arrivals ran (for throughput).</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>What the event loop's thread allocated during the load; null when the load ran on the runtime's sockets.</summary>
    internal long? LoopAllocatedBytes { get; private set; }

    /// <summary>The CPU time this process used while arrivals ran (user and system): what the TLS handshakes' share is of.</summary>
    public TimeSpan LoadCpu { get; private set; }

    /// <summary>Runs the load until its bounds or <paramref name="ct"/> stop it.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var s = _settings;
        // idle-hold opens its connections once each and holds them past the load (see HeldConnections): the connection
        // count caps the requests.
        var idleHold = s.Connection == ConnectionKind.IdleHold;
        var bounds = new LoadBounds
        {
            Duration = s.Duration,
            MaxRequests = idleHold ? Math.Min(s.MaxRequests, s.Concurrency) : s.MaxRequests,
            DrainTimeout = s.Timeout + (s.Connection == ConnectionKind.Abandon ? s.AbandonAfter : TimeSpan.Zero) + TimeSpan.FromSeconds(1),
        };
        using var stopSeries = new CancellationTokenSource();
        var series = TimeSeries.RunAsync(stopSeries.Token);
        var started = Stopwatch.GetTimestamp();
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        try
        {
            if (LoopExchange.Serves(s, _target))
            {
                var exchange = LoopExchange.For(s, _target, _mix);
                LoopModel model = s.Model == LoadModelKind.Rate
                    ? new OpenLoopModel(MaxInFlight(s), s, bounds, exchange.Depth, Metrics)
                    : new ClosedLoopModel(s.Concurrency, bounds, exchange.Depth);
                using var loop = new SocketLoop(exchange, _target.EndPoint, model, _mix, Metrics);
                await loop.RunAsync(ct);
                LoopAllocatedBytes = loop.AllocatedBytes;
            }
            else
            {
                await RunStrategyAsync(bounds, idleHold, ct);
            }
        }
        finally
        {
            LoadTime = Stopwatch.GetElapsedTime(started);
            LoadCpu = Environment.CpuUsage.TotalTime - cpuAtStart;
            await stopSeries.CancelAsync();
            await series;
        }
    }

    /// <summary>The client summary of the run so far.</summary>
    public ClientSummary Summarize() => Metrics.Summarize(LoadTime > TimeSpan.Zero ? LoadTime : _settings.Duration, LoadCpu);

    /// <summary>The load through a strategy on the runtime's sockets: every strategy, model and TLS the event loop does not carry.</summary>
    private async Task RunStrategyAsync(LoadBounds bounds, bool idleHold, CancellationToken ct)
    {
        var s = _settings;
        await using var strategy = RequestStrategies.Create(s, _target, _mix, Metrics, _held);
        if (s.Model == LoadModelKind.Rate)
        {
            await new RateModel(s.Rate, s.Stages, MaxInFlight(s)).RunAsync(strategy, Metrics, bounds, ct);
        }
        else
        {
            await new ConcurrencyModel(idleHold ? (int)bounds.MaxRequests : s.Concurrency).RunAsync(strategy, Metrics, bounds, ct);
        }
    }

    /// <summary>
    /// How many requests the open model lets run at once. Pooled strategies wait inside the model for a free
    /// connection, so that waiting counts as a late arrival instead of hiding inside the request.
    /// </summary>
    private static int MaxInFlight(LoadSettings s) => s.Connection switch
    {
        ConnectionKind.KeepAlive or ConnectionKind.IdleHold => s.MaxInFlight > 0 ? Math.Min(s.MaxInFlight, s.Concurrency) : s.Concurrency,
        _ when s.MaxInFlight > 0 => s.MaxInFlight,
        _ => (int)Math.Clamp(Math.Max(s.Rate, s.Stages.Count == 0 ? 0 : s.Stages.Max(st => st.Rate)) * s.Timeout.TotalSeconds * 2, LoadDefaults.MinInFlight, LoadDefaults.MaxInFlight),
    };
}
