using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>short</c>: one request per connection. With HTTP/1.1 the client closes first after reading the answer, so
/// TIME_WAIT lands on the client; with HTTP/1.0 (or <c>Connection: close</c>) the client waits for the server's FIN,
/// the server closes first and TIME_WAIT lands on the server.
/// </summary>
public sealed class ShortConnectionStrategy : SingleRequestStrategy
{
    /// <summary>Creates the strategy.</summary>
    public ShortConnectionStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, LoadMetrics metrics)
        : base(target, mix, http, timeout, metrics)
    {
    }
}
