using LoadRepro.Core.Records;

namespace LoadRepro.Core.Sysctls;

/// <summary>The figures a TCP sysctl can move, each with the noise a repeated run shows on a 2-core machine.</summary>
public static class WatchedFigures
{
    /// <summary>connect() calls that failed for want of a local port.</summary>
    public static WatchedFigure AddressNotAvailable { get; } = new("connects failed with EADDRNOTAVAIL", "failures", r => r.Client.Errors.GetValueOrDefault("EADDRNOTAVAIL"), 10);

    /// <summary>Connections the client opened.</summary>
    public static WatchedFigure ConnectionsOpened { get; } = new("connections opened", "connections", r => r.Client.ConnectionsOpened, 20);

    /// <summary>TIME_WAIT held by the connecting side.</summary>
    public static WatchedFigure ClientTimeWait { get; } = new("peak TIME_WAIT, client side", "sockets", r => r.Peak.ClientTcp.TimeWait, 20);

    /// <summary>TIME_WAIT held by the server's side.</summary>
    public static WatchedFigure ServerTimeWait { get; } = new("peak TIME_WAIT, server side", "sockets", r => r.Peak.Tcp.TimeWait, 20);

    /// <summary>FIN_WAIT2 on either side (orphaned ones are what tcp_fin_timeout bounds).</summary>
    public static WatchedFigure FinWait2 { get; } = new("peak FIN_WAIT2, both sides", "sockets", r => r.Peak.Tcp.FinWait2 + r.Peak.ClientTcp.FinWait2, 10);

    /// <summary>Half-open connections at the server's listener.</summary>
    public static WatchedFigure SynRecv { get; } = new("peak SYN_RECV, server side", "sockets", r => r.Peak.Tcp.SynRecv, 10);

    /// <summary>Open connections on either side.</summary>
    public static WatchedFigure Established { get; } = new("peak ESTABLISHED, both sides", "sockets", r => r.Peak.Tcp.Established + r.Peak.ClientTcp.Established, 10);

    /// <summary>Requests that failed, for any reason.</summary>
    public static WatchedFigure RequestsFailed { get; } = new("requests failed", "requests", r => r.Client.RequestsFailed, 10);

    /// <summary>Requests served per second.</summary>
    public static WatchedFigure Throughput { get; } = new("throughput", "requests/s", r => Math.Round(r.Client.ThroughputRps, 1), 10);

    /// <summary>The 99th latency percentile; latency on a shared machine wanders far more than counts do.</summary>
    public static WatchedFigure LatencyP99 { get; } = new("latency p99", "ms", r => r.Client.LatencyMs.P99, 5, 0.5);

    /// <summary>The figures that follow from any setting that acted (a connect that finds no port fails its request), rather than being one's signature.</summary>
    public static IReadOnlySet<WatchedFigure> Consequences { get; } = new HashSet<WatchedFigure> { RequestsFailed, Throughput, LatencyP99 };

    /// <summary>Every watched figure, in the order reports list them.</summary>
    public static IReadOnlyList<WatchedFigure> All { get; } =
    [
        AddressNotAvailable, ConnectionsOpened, ClientTimeWait, ServerTimeWait, FinWait2, SynRecv, Established, RequestsFailed, Throughput, LatencyP99,
    ];
}
