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
}
