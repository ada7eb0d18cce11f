using LoadRepro.Core.Modes;

namespace LoadRepro.Server.Hosting;

/// <summary>The server's current modes; read on every connection, so a switch at runtime applies to the next one.</summary>
public sealed class ServerModes
{
    private volatile KeepAliveMode _keepAlive;
    private volatile int _bug;

    /// <summary>Starts with the modes given at start.</summary>
    public ServerModes(ServerOptions options)
    {
        _keepAlive = options.KeepAlive;
        _bug = (int)options.Bug;
    }

    /// <summary>The bug switched on.</summary>
    public BugMode Bug
    {
        get => (BugMode)_bug;
        set => _bug = (int)value;
    }

    /// <summary>The keep-alive mode.</summary>
    public KeepAliveMode KeepAlive
    {
        get => _keepAlive;
        set => _keepAlive = value;
    }
}
