using System.Diagnostics;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;

namespace LoadRepro.Load.Loop;

/// <summary>
/// What one execution of the event loop's strategy is: the request bytes of each kind, how many answers to read
/// (keep-alive's pipeline depth, else 1), whether the connection is kept, and the request timeout.
/// </summary>
internal sealed record LoopExchange(byte[][] Requests, int Depth, bool Persistent, long TimeoutTicks)
{
    /// <summary>
    /// True when the loop carries <paramref name="settings"/> against <paramref name="target"/>: <c>short</c> or
    /// <c>keep-alive</c> over plain TCP, in either model, where the loop's sockets work (<see cref="Native.Sockets.IsAvailable"/>).
    /// The other strategies and TLS go through the runtime's sockets.
    /// </summary>
    public static bool Serves(LoadSettings settings, LoadTarget target) =>
        Native.Sockets.IsAvailable && target.Tls is null && settings.Connection is ConnectionKind.Short or ConnectionKind.KeepAlive;

    /// <summary>The exchange of <paramref name="settings"/>' strategy, for the kinds of <paramref name="mix"/>.</summary>
    public static LoopExchange For(LoadSettings settings, LoadTarget target, RequestMix mix)
    {
        var timeout = (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency);
        return settings.Connection == ConnectionKind.KeepAlive
            ? new(mix.Kinds.Select(k => RequestBytes.KeepAlive(target.Host, k, settings.Http, settings.Pipeline)).ToArray(), settings.Pipeline, true, timeout)
            : new(mix.Kinds.Select(k => RequestBytes.One(target.Host, k, settings.Http)).ToArray(), 1, false, timeout);
    }
}
