using HdrHistogram;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Metrics;

/// <summary>The counters and latency of one kind of request; safe to update from many connections at once.</summary>
internal sealed class KindMetrics
{
    private readonly RequestSpec _spec;
    private readonly LongConcurrentHistogram _latency = new(1, LoadMetrics.MaxLatencyMicros, 3);

    // A histogram's percentiles cannot be read while it is written to (its iteration fails on a changed count): the live
    // view reads what a recorder hands over, added up on the reader's side.
    private readonly Recorder _recent = new(1, LoadMetrics.MaxLatencyMicros, 2, static (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly LongHistogram _seen = new(1, LoadMetrics.MaxLatencyMicros, 2);
    private long _ok;
    private long _failed;
    private long _connections;

    public KindMetrics(RequestSpec spec) => _spec = spec;

    public void OnConnected() => Interlocked.Increment(ref _connections);

    public void OnOk(long micros)
    {
        Interlocked.Increment(ref _ok);
        _latency.RecordValue(micros);
        _recent.RecordValue(micros);
    }

    public void OnFailed() => Interlocked.Increment(ref _failed);

    /// <summary>The counts now and the p99 so far, while requests are still recorded.</summary>
    public RequestKindSummary Live()
    {
        double p99;
        lock (_seen)
        {
            _seen.Add(_recent.GetIntervalHistogram());
            p99 = LoadMetrics.Latency(_seen, _seen.TotalCount).P99;
        }

        return Counts() with { LatencyMs = new LatencySummary { P99 = p99 } };
    }

    /// <summary>A copy of the latency histogram, once recording stopped.</summary>
    public HistogramBase Histogram() => _latency.Copy();

    /// <summary>The whole summary, once recording stopped.</summary>
    public RequestKindSummary Summarize() => Counts() with { LatencyMs = LoadMetrics.Latency(_latency, Interlocked.Read(ref _ok)) };

    private RequestKindSummary Counts() => new()
    {
        Name = _spec.Name,
        Weight = _spec.Weight,
        RequestsOk = Interlocked.Read(ref _ok),
        RequestsFailed = Interlocked.Read(ref _failed),
        ConnectionsOpened = Interlocked.Read(ref _connections),
    };
}
