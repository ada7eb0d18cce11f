namespace LoadRepro;

/// <summary>
/// Where the server under load is: the embedded test server (its bug and keep-alive come from the scenario), your server at a
/// URL started from a command, your running server at a URL (found by its listening port, or named by its PID).
/// </summary>
public sealed record RunTarget
{
    private RunTarget()
    {
    }

    /// <summary>The URL of your server; null for the embedded test server.</summary>
    public string? Url { get; private init; }

    /// <summary>The PID of your running server whose descriptors and sockets are sampled; null: found by the URL's port.</summary>
    public int? Pid { get; private init; }

    /// <summary>The shell command that starts your server for the run (stopped after it); null when it already runs.</summary>
    public string? Command { get; private init; }

    /// <summary>How long the server started by <see cref="Command"/> may take to accept its first connection (default 30 s).</summary>
    public TimeSpan? ReadyTimeout { get; private init; }

    /// <summary>Whether a URL outside 127.0.0.0/8 and ::1 is allowed (refused by default, so no host is loaded by a typo).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>With an <c>https://</c> URL: accept the server's TLS certificate even if it does not validate (self-signed, another name).</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// The URL of <c>loadrepro agent</c> on the server's host (e.g. <c>http://10.0.0.5:9465</c>), for a server on another host:
    /// its descriptors and sockets are sampled there, the clock offset between the hosts measured and corrected. Needs a running
    /// server's URL (<see cref="RunningServer"/> without a PID).
    /// </summary>
    public string? Agent { get; init; }

    /// <summary>The agent's bearer token; default the environment variable <c>LOADREPRO_AGENT_TOKEN</c>.</summary>
    public string? AgentToken { get; init; }

    /// <summary>What the agent's URL is called in messages (the command line's option name).</summary>
    internal string AgentOrigin { get; init; } = "the agent";

    /// <summary>The embedded test server's port on 127.0.0.1; 0 (default) lets it take a free one.</summary>
    public int Port { get; private init; }

    /// <summary>Names the command's origin in error messages (the CLI's option, e.g. <c>--server-cmd-a</c>).</summary>
    internal string CommandOrigin { get; init; } = "the server command";

    /// <summary>Names the URL's origin in error messages (the CLI's <c>--target</c>).</summary>
    internal string UrlOrigin { get; init; } = "the URL";

    /// <summary>The embedded test server, as its own process, with the scenario's bug, keep-alive and descriptor limit.</summary>
    /// <param name="port">Its port on 127.0.0.1; 0 takes a free one.</param>
    public static RunTarget EmbeddedServer(int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new RunTarget { Port = port };
    }

    /// <summary>Your server, started by <paramref name="command"/> (a shell command, in a process group of its own) and answering on <paramref name="url"/> on this host.</summary>
    public static RunTarget ServerCommand(string url, string command, TimeSpan? readyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return new RunTarget { Url = url, Command = command, ReadyTimeout = readyTimeout };
    }

    /// <summary>Your running server at <paramref name="url"/>: the process with <paramref name="pid"/>, or, when null, every process on this host listening on the URL's port.</summary>
    public static RunTarget RunningServer(string url, int? pid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (pid is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "a PID is positive");
        }

        return new RunTarget { Url = url, Pid = pid };
    }
}
