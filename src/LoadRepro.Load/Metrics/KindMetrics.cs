using HdrHistogram;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Metrics;

/// <summary>The counters and latency of one kind of request; safe to update from many connections at once.</summary>
internal sealed class KindMetrics
{
    private readonly RequestSpec _spec;
    private readonly LongConcurrentHistogram _latency = new(1, LoadMetrics.MaxLatencyMicros, 3);
    private long _ok;
    private long _failed;
    private long _connections;

    public KindMetrics(RequestSpec spec) => _spec = spec;

    public void OnConnected() => Interlocked.Increment(ref _connections);

    public void OnOk(long micros)
    {
        Interlocked.Increment(ref _ok);
        _latency.RecordValue(micros);
    }

    public void OnFailed() => Interlocked.Increment(ref _failed);

    public RequestKindSummary Summarize()
    {
        var ok = Interlocked.Read(ref _ok);
        return new RequestKindSummary
        {
            Name = _spec.Name,
            Weight = _spec.Weight,
            RequestsOk = ok,
            RequestsFailed = Interlocked.Read(ref _failed),
            ConnectionsOpened = Interlocked.Read(ref _connections),
            LatencyMs = LoadMetrics.Latency(_latency, ok),
        };
    }
}
