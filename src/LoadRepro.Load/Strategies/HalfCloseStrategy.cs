using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>half-close</c>: send the request, shut down the write side (a FIN), then read the answer. A correct server still
/// answers a half-closed connection; one that treats the FIN as "gone" drops the answer. The client's FIN went first,
/// so TIME_WAIT lands on the client.
/// </summary>
public sealed class HalfCloseStrategy : SingleRequestStrategy
{
    /// <summary>Creates the strategy.</summary>
    public HalfCloseStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, LoadMetrics metrics)
        : base(target, mix, http, timeout, metrics)
    {
    }

    /// <inheritdoc />
    protected override void AfterSend(ClientConnection connection) => connection.ShutdownSend();
}
