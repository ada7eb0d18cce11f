using LoadRepro.Core.Modes;

namespace LoadRepro.Core.Scenarios;

/// <summary>The embedded test server's settings (<c>server:</c>).</summary>
public sealed record ServerSettings
{
    /// <summary>The bug switched on; default <c>none</c>.</summary>
    public BugMode Bug { get; init; } = BugMode.None;

    /// <summary>The keep-alive mode; default <c>on</c>.</summary>
    public KeepAliveMode KeepAlive { get; init; } = KeepAliveMode.On;

    /// <summary>The server process's soft RLIMIT_NOFILE; default <see cref="ScenarioDefaults.MaxFds"/>.</summary>
    public int MaxFds { get; init; } = ScenarioDefaults.MaxFds;

    /// <summary>
    /// The stack the load is aimed at (<c>raw</c> or <c>http</c>); null (the default) picks the bug's own stack
    /// (<see cref="ModeNames.StackOf"/>). Set it for a fixed variant, e.g. <c>bug: none, stack: http</c> for hang-handler-fixed.
    /// </summary>
    public StackKind? Stack { get; init; }

    /// <summary>For <c>slow-close</c>: how long after the peer's FIN the server closes; default <see cref="ScenarioDefaults.SlowCloseDelay"/> (5 s).</summary>
    public TimeSpan SlowCloseDelay { get; init; } = ScenarioDefaults.SlowCloseDelay;

    /// <summary>
    /// The one path whose connections get the raw stack's bug (<c>ignore-peer-fin</c>, <c>slow-close</c>); null (the
    /// default): every connection. The first request on a connection decides for the whole connection.
    /// </summary>
    public string? BugPath { get; init; }

    /// <summary>
    /// Whether the port under test speaks TLS (<c>server.tls</c>, <c>--tls</c>): Kestrel's HTTPS with a self-signed certificate
    /// the server makes at start; default false. The load then opens TLS connections, pinned to that certificate.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>The stack the load is aimed at: <see cref="Stack"/> when set, else the bug's own.</summary>
    public StackKind EffectiveStack => Stack ?? ModeNames.StackOf(Bug);
}
