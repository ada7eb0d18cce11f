using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Metrics;

/// <summary>
/// Counters, errors by kind, and latency of one load run, in all and per kind of request, and which kind of request opened
/// the connection on each client port; safe to update from many connections at once.
/// </summary>
public sealed class LoadMetrics
{
    /// <summary>The longest latency recorded, in microseconds: an hour.</summary>
    internal const long MaxLatencyMicros = 3_600_000_000;

    /// <summary>The significant digits every latency histogram keeps.</summary>
    internal const int Digits = 3;
    private readonly KindMetrics[] _kinds;

    // Kind number + 1 by client port (0: none yet): the last connection opened from the port decides, and a port is not
    // reused while its connection's 4-tuple is still in use, so a socket left on the server maps to the request it carried.
    private readonly byte[] _kindByPort = new byte[65536];

    // The latencies of the interval being taken: each kind's, added up (see KindMetrics).
    private readonly LongHistogram _interval = new(1, MaxLatencyMicros, Digits);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _ok;
    private long _failed;
    private long _connections;
    private long _late;
    private long _started;
    private long _handshakes;
    private long _handshakesFailed;
    private long _handshakeCpuNanoseconds;

    /// <summary>Metrics without kinds of request: for a run that measured nothing.</summary>
    public LoadMetrics()
        : this([])
    {
    }

    /// <summary>Metrics for the kinds of request <paramref name="kinds"/> (numbered by their index).</summary>
    public LoadMetrics(IReadOnlyList<RequestSpec> kinds) => _kinds = kinds.Select(k => new KindMetrics(k)).ToArray();

    /// <summary>Whether the run speaks TLS, so that its summary has <see cref="ClientSummary.Tls"/>; default false.</summary>
    public bool CountsHandshakes { get; init; }

    /// <summary>TLS handshakes completed.</summary>
    public long Handshakes => Interlocked.Read(ref _handshakes);

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
        Requests = _kinds.Select(k => k.Live()).ToArray(),
    };

    /// <summary>Failures by kind so far.</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    /// <summary>Counts <paramref name="requests"/> requests started.</summary>
    public void OnStarted(int requests) => Interlocked.Add(ref _started, requests);

    /// <summary>Counts an arrival that could not start on time.</summary>
    public void OnLate() => Interlocked.Increment(ref _late);

    /// <summary>Counts a connection opened from <paramref name="localPort"/> for a first request of kind <paramref name="kind"/>.</summary>
    public void OnConnected(int kind, int localPort)
    {
        Interlocked.Increment(ref _connections);
        _kinds[kind].OnConnected();
        Volatile.Write(ref _kindByPort[localPort], (byte)(kind + 1));
    }

    /// <summary>Counts a completed TLS handshake that cost the client <paramref name="cpuNanoseconds"/> of CPU.</summary>
    public void OnHandshake(long cpuNanoseconds)
    {
        Interlocked.Increment(ref _handshakes);
        Interlocked.Add(ref _handshakeCpuNanoseconds, cpuNanoseconds);
    }

    /// <summary>Counts a TLS handshake that failed.</summary>
    public void OnHandshakeFailed() => Interlocked.Increment(ref _handshakesFailed);

    /// <summary>Counts a success of kind <paramref name="kind"/> with its latency from the intended start (<see cref="Stopwatch"/> timestamps).</summary>
    public void OnOk(int kind, long intendedStart)
    {
        Interlocked.Increment(ref _ok);
        _kinds[kind].OnOk(Math.Clamp((long)Stopwatch.GetElapsedTime(intendedStart).TotalMicroseconds, 1, MaxLatencyMicros));
    }

    /// <summary>Counts a failure of a request of kind <paramref name="kind"/>, for the reason <paramref name="failure"/>.</summary>
    public void OnFailed(int kind, string failure)
    {
        Interlocked.Increment(ref _failed);
        _errors.AddOrUpdate(failure, 1, static (_, n) => n + 1);
        _kinds[kind].OnFailed();
    }

    /// <summary>
    /// A copy of the kind of request (its number plus one; 0: none) whose connection was last opened from each client port,
    /// indexed by port: what the leak attribution matches the server's sockets against, also from a load child.
    /// </summary>
    public byte[] KindsByPort() => (byte[])_kindByPort.Clone();

    /// <summary>The 99th percentile of the latencies recorded since the last call, in milliseconds (0 when none); starts the next interval.</summary>
    public double TakeIntervalP99Ms()
    {
        lock (_interval)
        {
            _interval.Reset();
            foreach (var kind in _kinds)
            {
                kind.TakeInterval(_interval);
            }

            return _interval.TotalCount == 0 ? 0 : Ms(_interval.GetValueAtPercentile(99));
        }
    }

    /// <summary>Copies of the latency histograms (all requests: the kinds' added up, and each kind), to keep in the run directory (<see cref="LatencyLog"/>).</summary>
    public LatencyHistograms Histograms()
    {
        var byKind = _kinds.Select(k => k.Histogram()).ToList();
        return new LatencyHistograms(LatencyHistograms.Add(byKind), byKind);
    }

    /// <summary>The run's client summary; <paramref name="clientCpu"/> is the client process's CPU time during the load, for the TLS figures.</summary>
    public ClientSummary Summarize(TimeSpan loadTime, TimeSpan clientCpu = default)
    {
        var ok = Ok;
        var histograms = Histograms();
        return new ClientSummary
        {
            RequestsOk = ok,
            RequestsFailed = Failed,
            LateArrivals = LateArrivals,
            ConnectionsOpened = ConnectionsOpened,
            ThroughputRps = loadTime.TotalSeconds > 0 ? Math.Round(ok / loadTime.TotalSeconds, 1) : 0,
            Errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
            LatencyMs = Latency(histograms.All, ok),
            Requests = _kinds.Select((k, i) => k.Summarize(histograms.ByKind[i])).ToArray(),
            Tls = CountsHandshakes ? Tls(loadTime, clientCpu) : null,
        };
    }

    private TlsSummary Tls(TimeSpan loadTime, TimeSpan clientCpu)
    {
        var handshakes = Handshakes;
        var cpu = Interlocked.Read(ref _handshakeCpuNanoseconds) / 1e9;
        return new TlsSummary
        {
            Handshakes = handshakes,
            HandshakesFailed = Interlocked.Read(ref _handshakesFailed),
            HandshakesPerSecond = loadTime.TotalSeconds > 0 ? Math.Round(handshakes / loadTime.TotalSeconds, 1) : 0,
            HandshakeCpuSeconds = Math.Round(cpu, 4),
            ClientCpuSeconds = Math.Round(clientCpu.TotalSeconds, 4),
            HandshakeCpuPercent = clientCpu > TimeSpan.Zero ? Math.Round(100 * cpu / clientCpu.TotalSeconds, 1) : 0,
        };
    }

    /// <summary>The percentiles of <paramref name="latency"/> (microseconds) in milliseconds; zeros when <paramref name="ok"/> (what succeeded) is 0.</summary>
    public static LatencySummary Latency(HistogramBase latency, long ok) => ok == 0 ? new LatencySummary() : new LatencySummary
    {
        P50 = Ms(latency.GetValueAtPercentile(50)),
        P90 = Ms(latency.GetValueAtPercentile(90)),
        P99 = Ms(latency.GetValueAtPercentile(99)),
        Max = Ms(latency.GetMaxValue()),
    };

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
