using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadRepro.Server.Control;

/// <summary>
/// Changes the server's modes at runtime and does what a change implies: switching a leaking bug off is "the fix
/// deployed", so what it held is let go (held connections are closed, leaked files closed). Hung /hang requests are
/// not: a handler awaiting without a token cannot be reached, which is the point of that bug. Every change is logged.
/// </summary>
public sealed class ModeSwitch
{
    /// <summary>The event name of a mode change in the log.</summary>
    public const string EventName = "ModeChanged";

    private static readonly TimeSpan ForeverIdle = TimeSpan.FromDays(3650);

    private readonly Lock _gate = new();
    private readonly ServerModes _modes;
    private readonly LeakedConnectionRegistry _connections;
    private readonly LeakedFileRegistry _files;
    private readonly KestrelServerOptions _kestrel;
    private readonly ILogger<ModeSwitch> _logger;

    /// <summary>Creates the switch.</summary>
    public ModeSwitch(ServerModes modes, LeakedConnectionRegistry connections, LeakedFileRegistry files, IOptions<KestrelServerOptions> kestrel, ILogger<ModeSwitch> logger)
    {
        _modes = modes;
        _connections = connections;
        _files = files;
        _kestrel = kestrel.Value;
        _logger = logger;
    }

    /// <summary>
    /// The idle timeout Kestrel should use for a keep-alive mode. For <c>forever</c> it is ten years, not
    /// <see cref="Timeout.InfiniteTimeSpan"/>: Kestrel accepts the infinite value but then closed idle connections within
    /// 3 s (measured with .NET 10), the opposite of what it says.
    /// </summary>
    public static TimeSpan KestrelIdleTimeout(ServerModes modes) => modes.IdleTimeout ?? ForeverIdle;

    /// <summary>Switches to <paramref name="bug"/> and/or <paramref name="keepAlive"/> (null keeps the current one); <paramref name="source"/> names who asked, for the log.</summary>
    public void Apply(BugMode? bug, KeepAliveMode? keepAlive, string source)
    {
        lock (_gate)
        {
            var oldBug = _modes.Bug;
            var oldKeepAlive = _modes.KeepAlive;
            _modes.Bug = bug ?? oldBug;
            _modes.KeepAlive = keepAlive ?? oldKeepAlive;

            // Kestrel reads its keep-alive timeout when a connection opens: the new one applies to new connections.
            _kestrel.Limits.KeepAliveTimeout = KestrelIdleTimeout(_modes);

            var released = 0;
            if (oldBug == BugMode.IgnorePeerFin && _modes.Bug != BugMode.IgnorePeerFin)
            {
                released = _connections.Count;
                _connections.ReleaseAll();
            }

            var closedFiles = oldBug == BugMode.LeakFile && _modes.Bug != BugMode.LeakFile ? _files.ReleaseAll() : 0;
            _logger.LogInformation(
                "{Event}: bug {OldBug} -> {Bug}, keep-alive {OldKeepAlive} -> {KeepAlive} (by {Source}); released {Released} held connections, closed {ClosedFiles} leaked files",
                EventName, KebabNames.Name(oldBug), KebabNames.Name(_modes.Bug), oldKeepAlive.ToString(), _modes.KeepAlive.ToString(), source, released, closedFiles);
        }
    }
}
