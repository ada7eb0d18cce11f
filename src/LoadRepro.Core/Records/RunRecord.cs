using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Segments;

namespace LoadRepro.Core.Records;

/// <summary>Everything a run measured and concluded: the contract of <c>summary.json</c> (docs/ARCHITECTURE.md, "Run record").</summary>
public sealed record RunRecord
{
    /// <summary>The schema of this record; bumped when a key changes meaning.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The schema this code writes.</summary>
    public const string CurrentSchema = "loadrepro.run/1";

    /// <summary>The scenario's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the whole run, in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>True when the run was stopped early (Ctrl-C, SIGTERM) and the record holds what was measured until then.</summary>
    public bool Interrupted { get; init; }

    /// <summary>What was loaded and sampled.</summary>
    public required TargetInfo Target { get; init; }

    /// <summary>The server's modes and how it ended.</summary>
    public required ServerOutcome Server { get; init; }

    /// <summary>The load's settings.</summary>
    public required LoadInfo Load { get; init; }

    /// <summary>What the client measured.</summary>
    public required ClientSummary Client { get; init; }

    /// <summary>How many samples were taken, how often.</summary>
    public required SampleInfo Samples { get; init; }

    /// <summary>When the load started and stopped, in seconds since the run started.</summary>
    public required PhaseTimes Phases { get; init; }

    /// <summary>Figures before the load started.</summary>
    public required Figures Baseline { get; init; }

    /// <summary>The highest value of each figure over the run.</summary>
    public required Figures Peak { get; init; }

    /// <summary>Each figure at the last sample (after the drain).</summary>
    public required Figures Final { get; init; }

    /// <summary>Whether descriptor exhaustion was reached, and the evidence.</summary>
    public required ExhaustionInfo Exhaustion { get; init; }

    /// <summary>What the run shows, in words.</summary>
    public required DiagnosisInfo Diagnosis { get; init; }

    /// <summary>Which requests' connections the server left in CLOSE_WAIT or ESTABLISHED after the drain; null when not attributed (older records, the lab).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LeakAttribution? Leaks { get; init; }

    /// <summary>
    /// The server's CPU over the load and per 1,000 requests answered (<see cref="Records.ServerCpu"/>); null in records
    /// written before it was kept, whose comparisons measure it from their samples.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ServerCpu? ServerCpu { get; init; }

    /// <summary>Each gate checked.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>True when every gate held.</summary>
    public bool Passed { get; init; }

    /// <summary>The network-namespace lab the run used (--lab); null for a run on the host.</summary>
    public LabInfo? Lab { get; init; }

    /// <summary>The machine the run ran on: kernel, the sysctls that matter, limits; null in records written before it was kept.</summary>
    public HostInfo? Host { get; init; }

    /// <summary>The share of the scenario's load this run made (<c>run --segment i/n</c>); null (and left out) for the whole load.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SegmentInfo? Segment { get; init; }

    /// <summary>The segments this record was merged from (<c>loadrepro merge</c>); null (and left out) for a run.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MergeInfo? Merged { get; init; }
}

/// <summary>The process under test.</summary>
public sealed record TargetInfo
{
    /// <summary>Our test server or the user's own (by --target).</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>The URL the load was sent to.</summary>
    public required string Url { get; init; }

    /// <summary>The sampled process (the first of <see cref="Processes"/>).</summary>
    public int Pid { get; init; }

    /// <summary>Its soft descriptor limit; for several processes, where the fullest of them runs out.</summary>
    public int MaxFds { get; init; }

    /// <summary>
    /// Every process sampled as the server, summed into its figures (one for our test server); null in records written before
    /// it was kept, which are written again without it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TargetProcess>? Processes { get; init; }

    /// <summary>
    /// The shell command that started the user's server (<c>--server-cmd</c>), so two builds compared under one load are told
    /// apart; null when the run did not start it, and then left out of summary.json.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Command { get; init; }
}

/// <summary>The server's modes and how it ended.</summary>
public sealed record ServerOutcome
{
    /// <summary>How summary.json and the reports name a mode that is not known: the user's own server's.</summary>
    public const string Unknown = "unknown";

    /// <summary>The bug mode; null when the server is the user's own, whose modes are not known.</summary>
    public required BugMode? Bug { get; init; }

    /// <summary>The keep-alive mode; null when the server is the user's own.</summary>
    public required KeepAliveMode? KeepAlive { get; init; }

    /// <summary>True when the server exited by itself before the run stopped it.</summary>
    public bool Exited { get; init; }

    /// <summary>Its exit code, when it exited by itself.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why it exited, in words, with its last stderr lines.</summary>
    public string? ExitReason { get; init; }

    /// <summary>Accept failures the server reported (its ACCEPT-FAILED lines), by errno name.</summary>
    public IReadOnlyDictionary<string, long> AcceptErrors { get; init; } = new Dictionary<string, long>();

    /// <summary>The bug mode's name, or <c>unknown</c>.</summary>
    public string BugName() => Bug is { } bug ? KebabNames.Name(bug) : Unknown;

    /// <summary>The keep-alive mode as users type it (e.g. <c>timeout=5s</c>), or <c>unknown</c>.</summary>
    public string KeepAliveName() => KeepAlive?.ToString() ?? Unknown;
}

/// <summary>The load's settings.</summary>
public sealed record LoadInfo
{
    /// <summary>The load model: rate or concurrency.</summary>
    public required LoadModelKind Model { get; init; }

    /// <summary>The connection strategy.</summary>
    public required ConnectionKind Connection { get; init; }

    /// <summary>HTTP version.</summary>
    public required string Http { get; init; }

    /// <summary>Arrivals per second (rate model).</summary>
    public int Rate { get; init; }

    /// <summary>Workers or connections (closed model).</summary>
    public int Concurrency { get; init; }

    /// <summary>Load duration in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Request cap.</summary>
    public int MaxRequests { get; init; }
}

/// <summary>What the client measured.</summary>
public sealed record ClientSummary
{
    /// <summary>Requests answered with a complete response.</summary>
    public long RequestsOk { get; init; }

    /// <summary>Requests that failed, any reason.</summary>
    public long RequestsFailed { get; init; }

    /// <summary>Arrivals that started late because the client had too many in flight (open model only).</summary>
    public long LateArrivals { get; init; }

    /// <summary>TCP connections opened.</summary>
    public long ConnectionsOpened { get; init; }

    /// <summary>Completed requests per second of load.</summary>
    public double ThroughputRps { get; init; }

    /// <summary>Failures by kind (errno name, timeout, badResponse).</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Latency of successful requests from their intended start, in milliseconds.</summary>
    public LatencySummary LatencyMs { get; init; } = new();

    /// <summary>The same, per kind of request (<c>load.request</c>, <c>load.requests</c>); null in records written before it was kept.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RequestKindSummary>? Requests { get; init; }

    /// <summary>TLS handshakes and their share of the client's CPU; null for a plaintext run.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public TlsSummary? Tls { get; init; }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary
{
    /// <summary>Median.</summary>
    public double P50 { get; init; }

    /// <summary>90th percentile.</summary>
    public double P90 { get; init; }

    /// <summary>99th percentile.</summary>
    public double P99 { get; init; }

    /// <summary>Highest.</summary>
    public double Max { get; init; }
}

/// <summary>How many samples, how often.</summary>
public sealed record SampleInfo
{
    /// <summary>Samples taken.</summary>
    public int Count { get; init; }

    /// <summary>Interval between samples in milliseconds.</summary>
    public double IntervalMs { get; init; }

    /// <summary>The share of one core the sampler's walks of the TCP table may take before samples carry their TCP counts forward.</summary>
    public const double TcpWalkShare = 0.03;

    /// <summary>Samples whose TCP counts were carried from the sample before (<see cref="Sample.TcpCarried"/>); 0, and not written, when every sample walked the TCP table.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int TcpCarried { get; init; }

    /// <summary>Where socket states were read from; <c>proc</c> in records written before it was kept.</summary>
    public SocketSourceKind Source { get; init; } = SocketSourceKind.Proc;

    /// <summary>The agent that took the server-side samples on the server's host (<c>run --agent</c>); null when this host took them.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AgentSampling? Agent { get; init; }
}

/// <summary>Load start and stop, in seconds since the run started.</summary>
public sealed record PhaseTimes
{
    /// <summary>When the load started.</summary>
    public double LoadStartSeconds { get; init; }

    /// <summary>When the load stopped.</summary>
    public double LoadStopSeconds { get; init; }
}

/// <summary>A set of figures of the target: descriptors, CPU, TCP states.</summary>
public sealed record Figures
{
    /// <summary>Open descriptors.</summary>
    public int Fds { get; init; }

    /// <summary>Socket descriptors.</summary>
    public int SocketFds { get; init; }

    /// <summary>Other descriptors.</summary>
    public int OtherFds { get; init; }

    /// <summary>CPU in percent of one core.</summary>
    public double CpuPercent { get; init; }

    /// <summary>Server-side TCP states (local port = port under test).</summary>
    public TcpStateCounts Tcp { get; init; } = TcpStateCounts.Empty;

    /// <summary>Client-side TCP states (remote port = port under test).</summary>
    public TcpStateCounts ClientTcp { get; init; } = TcpStateCounts.Empty;

    /// <summary>The figures of one sample.</summary>
    public static Figures Of(Sample s) => new()
    {
        Fds = s.Fds,
        SocketFds = s.SocketFds,
        OtherFds = s.OtherFds,
        CpuPercent = s.CpuPercent,
        Tcp = s.Tcp,
        ClientTcp = s.ClientTcp,
    };

    /// <summary>The highest value of each figure over the samples.</summary>
    public static Figures PeakOf(IReadOnlyList<Sample> samples)
    {
        var peak = new Figures();
        foreach (var s in samples)
        {
            peak = new Figures
            {
                Fds = Math.Max(peak.Fds, s.Fds),
                SocketFds = Math.Max(peak.SocketFds, s.SocketFds),
                OtherFds = Math.Max(peak.OtherFds, s.OtherFds),
                CpuPercent = Math.Max(peak.CpuPercent, s.CpuPercent),
                Tcp = peak.Tcp.Max(s.Tcp),
                ClientTcp = peak.ClientTcp.Max(s.ClientTcp),
            };
        }

        return peak;
    }
}

/// <summary>Whether descriptor exhaustion was reached.</summary>
public sealed record ExhaustionInfo
{
    /// <summary>True only on real evidence: an EMFILE accept failure, descriptors at the limit, or the server dying at the limit.</summary>
    public bool Reached { get; init; }

    /// <summary>When the first evidence was seen, in seconds since the load started.</summary>
    public double? FirstAtSeconds { get; init; }

    /// <summary>The evidence, in words.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>The diagnosis.</summary>
public sealed record DiagnosisInfo
{
    /// <summary>What the run shows.</summary>
    public required DiagnosisKind Kind { get; init; }

    /// <summary>What the run shows and what to do, in plain words.</summary>
    public required string Summary { get; init; }

    /// <summary>TIME_WAIT expected at steady state: close rate × 60 s, capped by the port range.</summary>
    public double? PredictedTimeWait { get; init; }

    /// <summary>Seconds from load start to EMFILE predicted from the leak rate: (limit − baseline) ÷ rate.</summary>
    public double? ProjectedExhaustionSeconds { get; init; }

    /// <summary>The measured leak rate in descriptors per second, when descriptors grew.</summary>
    public double? LeakRatePerSecond { get; init; }

    /// <summary>Connections closed per second during the load (connections opened ÷ load seconds): what TIME_WAIT is predicted from.</summary>
    public double? CloseRatePerSecond { get; init; }

    /// <summary>The TIME_WAIT the load added by its end (over what was there when it started), on the side that closed first.</summary>
    public int? MeasuredTimeWait { get; init; }

    /// <summary>Whether TIME_WAIT levelled off during the load; false when the run was too short (TIME_WAIT needs 60 s).</summary>
    public bool? TimeWaitPlateauReached { get; init; }
}

/// <summary>One gate and whether it held.</summary>
public sealed record GateResult
{
    /// <summary>The gate's key, e.g. <c>maxCloseWait</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The expected value or bound.</summary>
    public required string Limit { get; init; }

    /// <summary>What the run measured.</summary>
    public required string Actual { get; init; }

    /// <summary>Whether it held.</summary>
    public bool Passed { get; init; }
}
