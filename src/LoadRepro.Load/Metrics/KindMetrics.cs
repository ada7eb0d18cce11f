using HdrHistogram;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Metrics;

/// <summary>
/// The counters and latency of one kind of request; safe to update from many connections at once. Each latency is
/// recorded once, into a recorder; every interval it hands over (each second, and at the end) is added to the kind's
/// whole-run histogram, so the per-second p99, the live view and the summary all read that one record.
/// </summary>
internal sealed class KindMetrics
{
    private readonly RequestSpec _spec;
    private readonly Recorder _recorder = new(1, LoadMetrics.MaxLatencyMicros, LoadMetrics.Digits, static (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, LoadMetrics.MaxLatencyMicros, LoadMetrics.Digits);
    private HistogramBase? _spare;
    private long _ok;
    private long _failed;
    private long _connections;

    public KindMetrics(RequestSpec spec) => _spec = spec;

    public void OnConnected() => Interlocked.Increment(ref _connections);

    public void OnOk(long micros)
    {
        Interlocked.Increment(ref _ok);
        _recorder.RecordValue(micros);
    }

    public void OnFailed() => Interlocked.Increment(ref _failed);

    /// <summary>Adds the latencies recorded since the last call to the whole run's and to <paramref name="interval"/>.</summary>
    public void TakeInterval(HistogramBase interval)
    {
        lock (_total)
        {
            var taken = _recorder.GetIntervalHistogram(_spare);
            _total.Add(taken);
            interval.Add(taken);
            _spare = taken;
        }
    }

    /// <summary>The counts now and the p99 as of the last interval taken, while requests are still recorded.</summary>
    public RequestKindSummary Live()
    {
        double p99;
        lock (_total)
        {
            p99 = LoadMetrics.Latency(_total, _total.TotalCount).P99;
        }

        return Counts() with { LatencyMs = new LatencySummary { P99 = p99 } };
    }

    /// <summary>A copy of the whole run's latency histogram, every latency recorded so far included.</summary>
    public HistogramBase Histogram()
    {
        lock (_total)
        {
            _total.Add(_spare = _recorder.GetIntervalHistogram(_spare));
            return _total.Copy();
        }
    }

    /// <summary>The whole summary, once recording stopped, with <paramref name="latency"/> taken from <see cref="Histogram"/>.</summary>
    public RequestKindSummary Summarize(HistogramBase latency) => Counts() with { LatencyMs = LoadMetrics.Latency(latency, Interlocked.Read(ref _ok)) };

    private RequestKindSummary Counts() => new()
    {
        Name = _spec.Name,
        Weight = _spec.Weight,
        RequestsOk = Interlocked.Read(ref _ok),
        RequestsFailed = Interlocked.Read(ref _failed),
        ConnectionsOpened = Interlocked.Read(ref _connections),
    };
}
