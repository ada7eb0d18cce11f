using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>idle-hold</c>: open a connection, make one request, then keep the connection open and idle for the hold time
/// (as a connection pool that never reuses its connections does). Whether the server reclaims idle connections
/// decides whether ESTABLISHED sockets pile up on it.
/// </summary>
public sealed class IdleHoldStrategy : SingleRequestStrategy
{
    private readonly TimeSpan _hold;

    /// <summary>Creates the strategy; <paramref name="hold"/> is how long each connection stays idle after its answer.</summary>
    public IdleHoldStrategy(LoadTarget target, string http, TimeSpan timeout, TimeSpan hold, LoadMetrics metrics)
        : base(target, http, timeout, metrics)
    {
        _hold = hold;
    }

    /// <inheritdoc />
    protected override async ValueTask AfterAnswerAsync(ClientConnection connection, CancellationToken ct) => await Task.Delay(_hold, ct);
}
