using LoadRepro.Core.Scenarios;

namespace LoadRepro.Server.Hosting;

/// <summary>How to start the test server: its settings (the same as a scenario's <c>server:</c>) and where and how it is hosted.</summary>
public sealed record ServerOptions
{
    /// <summary>Bug, keep-alive mode, stack, slow-close delay and descriptor limit. Default: a scenario's defaults.</summary>
    public ServerSettings Settings { get; init; } = new();

    /// <summary>
    /// Whether the process sets <see cref="ServerSettings.MaxFds"/> as its soft RLIMIT_NOFILE at start. False (the default): it keeps
    /// the limit it inherited, as <c>loadrepro server</c> does without <c>--max-fds</c>.
    /// </summary>
    public bool ApplyMaxFds { get; init; }

    /// <summary>Port of the endpoint under test (the stack in <see cref="ServerSettings.EffectiveStack"/>); 0 picks a free port. Default 0.</summary>
    public int Port { get; init; }

    /// <summary>Port of the control endpoint on 127.0.0.1; 0 picks a free port. Default 0.</summary>
    public int ControlPort { get; init; }

    /// <summary>Where to write the compact-JSON log; null logs to stderr only.</summary>
    public string? LogFile { get; init; }

    /// <summary>When set, the server exits as soon as this process is no longer its parent.</summary>
    public int? ParentPid { get; init; }

    /// <summary>When set, the server stops when its standard input says <c>stop</c> or ends (how the harness stops it: see <see cref="StdinStop"/>).</summary>
    public bool StopOnStdin { get; init; }

    /// <summary>The address the endpoint under test listens on; default 127.0.0.1. The lab uses its veth address (198.18.0.0/15).</summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;
}
