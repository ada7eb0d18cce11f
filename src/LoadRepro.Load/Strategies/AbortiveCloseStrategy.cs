using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>rst</c>: read the answer, then close with SO_LINGER 0. The kernel sends an RST instead of a FIN, so no TIME_WAIT
/// is left on either side. This is the popular "fix" for TIME_WAIT and a trap: TIME_WAIT is what protects a new
/// connection on the same ports from the old one's late segments, and an RST throws away whatever was still in flight.
/// </summary>
public sealed class AbortiveCloseStrategy : SingleRequestStrategy
{
    /// <summary>Creates the strategy.</summary>
    public AbortiveCloseStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, LoadMetrics metrics)
        : base(target, mix, http, timeout, metrics)
    {
    }

    /// <inheritdoc />
    protected override bool WaitsForServerClose => false;

    /// <inheritdoc />
    protected override void Close(ClientConnection connection) => connection.Abort();
}
