namespace LoadRepro.Server.Hosting;

/// <summary>The test server's fixed defaults, in one place.</summary>
public static class ServerDefaults
{
    /// <summary>Idle timeout of keep-alive <c>on</c>: Kestrel's own default, 130 s, used on both stacks.</summary>
    public static readonly TimeSpan KeepAliveIdle = TimeSpan.FromSeconds(130);

    /// <summary>How long the fixed <c>/hang</c> handler waits for its downstream before answering 504: 500 ms.</summary>
    public static readonly TimeSpan DownstreamTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the open-connection census is logged: 5 s.</summary>
    public static readonly TimeSpan CensusInterval = TimeSpan.FromSeconds(5);
}
