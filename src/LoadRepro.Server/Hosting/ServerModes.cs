using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Server.Hosting;

/// <summary>
/// The server's current modes; read on every connection and request, so a switch at runtime applies to the next read.
/// Only <see cref="Control.ModeSwitch"/> changes them, so that every change is logged and its side effects happen.
/// </summary>
public sealed class ServerModes
{
    private volatile KeepAliveMode _keepAlive;
    private volatile int _bug;

    /// <summary>Starts with the modes given at start.</summary>
    public ServerModes(ServerSettings settings)
    {
        _keepAlive = settings.KeepAlive;
        _bug = (int)settings.Bug;
        Stack = settings.EffectiveStack;
        SlowCloseDelay = settings.SlowCloseDelay;
        BugPath = settings.BugPath is { } path ? System.Text.Encoding.ASCII.GetBytes(path) : [];
    }

    /// <summary>The bug switched on.</summary>
    public BugMode Bug
    {
        get => (BugMode)_bug;
        internal set => _bug = (int)value;
    }

    /// <summary>The keep-alive mode.</summary>
    public KeepAliveMode KeepAlive
    {
        get => _keepAlive;
        internal set => _keepAlive = value;
    }

    /// <summary>The stack whose port was announced as the port under test.</summary>
    public StackKind Stack { get; }

    /// <summary>For <c>slow-close</c>: time between the peer's FIN and the server's close.</summary>
    public TimeSpan SlowCloseDelay { get; }

    /// <summary>The one path (ASCII, without a query) whose connections get the raw stack's bug; empty: every connection.</summary>
    public byte[] BugPath { get; }

    /// <summary>The idle timeout of the current keep-alive mode; null for <c>forever</c> (never).</summary>
    public TimeSpan? IdleTimeout => KeepAlive.Kind switch
    {
        KeepAliveKind.Forever => null,
        KeepAliveKind.Timeout => KeepAlive.IdleTimeout,
        _ => ServerDefaults.KeepAliveIdle,
    };

    /// <summary>
    /// Whether a connection stays open after answering its <paramref name="served"/>-th request, given what the client asked
    /// (<paramref name="clientWantsKeepAlive"/>, by HTTP/1.0 or 1.1 rules). Both stacks decide with this.
    /// </summary>
    public bool KeepOpen(bool clientWantsKeepAlive, int served)
    {
        var mode = KeepAlive;
        return clientWantsKeepAlive && mode.Kind switch
        {
            KeepAliveKind.Off => false,
            KeepAliveKind.MaxRequests => served < mode.MaxRequests,
            _ => true,
        };
    }
}
