using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using LoadRepro.Core.Records;

namespace LoadRepro.Load.Metrics;

/// <summary>Counters, errors by kind, and latency of one load run; safe to update from many connections at once.</summary>
public sealed class LoadMetrics
{
    private const long MaxLatencyMicros = 3_600_000_000;
    private readonly LongConcurrentHistogram _latency = new(1, MaxLatencyMicros, 3);

    // The per-second latency: a recorder hands out each second's histogram and starts the next without stopping writers.
    private readonly Recorder _interval = new(1, MaxLatencyMicros, 2, static (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _ok;
    private long _failed;
    private long _connections;
    private long _late;
    private long _started;

    /// <summary>Requests started.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Requests answered.</summary>
    public long Ok => Interlocked.Read(ref _ok);

    /// <summary>Requests failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Connections opened.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connections);

    /// <summary>Arrivals started after their scheduled time, or never started because the load ended first.</summary>
    public long LateArrivals => Interlocked.Read(ref _late);

    /// <summary>The counters now, as one consistent-enough snapshot for a live view.</summary>
    public LoadProgress Progress() => new()
    {
        Ok = Ok,
        Failed = Failed,
        ConnectionsOpened = ConnectionsOpened,
        LateArrivals = LateArrivals,
        Errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
    };

    /// <summary>Failures by kind so far.</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    /// <summary>Counts <paramref name="requests"/> requests started.</summary>
    public void OnStarted(int requests) => Interlocked.Add(ref _started, requests);

    /// <summary>Counts an arrival that could not start on time.</summary>
    public void OnLate() => Interlocked.Increment(ref _late);

    /// <summary>Counts a connection opened.</summary>
    public void OnConnected() => Interlocked.Increment(ref _connections);

    /// <summary>Counts a success with its latency from the intended start (<see cref="Stopwatch"/> timestamps).</summary>
    public void OnOk(long intendedStart)
    {
        Interlocked.Increment(ref _ok);
        var micros = Math.Clamp((long)Stopwatch.GetElapsedTime(intendedStart).TotalMicroseconds, 1, MaxLatencyMicros);
        _latency.RecordValue(micros);
        _interval.RecordValue(micros);
    }

    /// <summary>Counts a failure of a kind.</summary>
    public void OnFailed(string kind)
    {
        Interlocked.Increment(ref _failed);
        _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    /// <summary>The 99th percentile of the latencies recorded since the last call, in milliseconds (0 when none); starts the next interval.</summary>
    public double TakeIntervalP99Ms()
    {
        var h = _interval.GetIntervalHistogram();
        return h.TotalCount == 0 ? 0 : Ms(h.GetValueAtPercentile(99));
    }

    /// <summary>The run's client summary.</summary>
    public ClientSummary Summarize(TimeSpan loadTime)
    {
        var ok = Ok;
        return new ClientSummary
        {
            RequestsOk = ok,
            RequestsFailed = Failed,
            LateArrivals = LateArrivals,
            ConnectionsOpened = ConnectionsOpened,
            ThroughputRps = loadTime.TotalSeconds > 0 ? Math.Round(ok / loadTime.TotalSeconds, 1) : 0,
            Errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
            LatencyMs = ok == 0 ? new LatencySummary() : new LatencySummary
            {
                P50 = Ms(_latency.GetValueAtPercentile(50)),
                P90 = Ms(_latency.GetValueAtPercentile(90)),
                P99 = Ms(_latency.GetValueAtPercentile(99)),
                Max = Ms(_latency.GetMaxValue()),
            },
        };
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
