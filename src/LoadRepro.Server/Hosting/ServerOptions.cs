using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Server.Hosting;

/// <summary>How to start the test server; validated by the command line before it gets here.</summary>
public sealed record ServerOptions
{
    /// <summary>Port of the endpoint under test on 127.0.0.1 (the stack in <see cref="EffectiveStack"/>); 0 picks a free port. Default 0.</summary>
    public int Port { get; init; }

    /// <summary>Port of the control endpoint on 127.0.0.1; 0 picks a free port. Default 0.</summary>
    public int ControlPort { get; init; }

    /// <summary>The bug switched on. Default <c>none</c>.</summary>
    public BugMode Bug { get; init; } = BugMode.None;

    /// <summary>The keep-alive mode. Default <c>on</c>.</summary>
    public KeepAliveMode KeepAlive { get; init; } = KeepAliveMode.On;

    /// <summary>The stack whose port is the port under test; null picks the bug's own stack. Default null.</summary>
    public StackKind? Stack { get; init; }

    /// <summary>For <c>slow-close</c>: time between the peer's FIN and the server's close. Default 5 s.</summary>
    public TimeSpan SlowCloseDelay { get; init; } = ScenarioDefaults.SlowCloseDelay;

    /// <summary>The soft RLIMIT_NOFILE the process sets on itself at start; null keeps the inherited one.</summary>
    public int? MaxFds { get; init; }

    /// <summary>Where to write the compact-JSON log; null logs to stderr only.</summary>
    public string? LogFile { get; init; }

    /// <summary>When set, the server exits as soon as this process is no longer its parent.</summary>
    public int? ParentPid { get; init; }

    /// <summary>The address the endpoint under test listens on; default 127.0.0.1. The lab uses its veth address (198.18.0.0/15).</summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>The stack under test: <see cref="Stack"/> when set, else the bug's own.</summary>
    public StackKind EffectiveStack => Stack ?? ModeNames.StackOf(Bug);
}
