using LoadRepro.Core.Modes;

namespace LoadRepro.Server.Hosting;

/// <summary>How to start the test server; validated by the command line before it gets here.</summary>
public sealed record ServerOptions
{
    /// <summary>Port of the endpoint under test on 127.0.0.1; 0 picks a free port. Default 0.</summary>
    public int Port { get; init; }

    /// <summary>The bug switched on. Default <c>none</c>.</summary>
    public BugMode Bug { get; init; } = BugMode.None;

    /// <summary>The keep-alive mode. Default <c>on</c>.</summary>
    public KeepAliveMode KeepAlive { get; init; } = KeepAliveMode.On;

    /// <summary>The soft RLIMIT_NOFILE the process sets on itself at start; null keeps the inherited one.</summary>
    public int? MaxFds { get; init; }

    /// <summary>Where to write the compact-JSON log; null logs to stderr only.</summary>
    public string? LogFile { get; init; }

    /// <summary>When set, the server exits as soon as this process is no longer its parent.</summary>
    public int? ParentPid { get; init; }

    /// <summary>The address the endpoint under test listens on; default 127.0.0.1. The lab uses its veth address (198.18.0.0/15).</summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;
}
