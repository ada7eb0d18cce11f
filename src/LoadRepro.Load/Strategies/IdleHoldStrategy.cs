using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
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
    private readonly HeldConnections _held;

    /// <summary>Creates the strategy; <paramref name="hold"/> is how long each connection stays idle after its answer.</summary>
    public IdleHoldStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, TimeSpan hold, HeldConnections held, LoadMetrics metrics)
        : base(target, mix, http, timeout, metrics)
    {
        _hold = hold;
        _held = held;
    }

    /// <summary>An answered connection is held idle (past the load's end, through the drain); any other is closed now.</summary>
    protected override void Close(ClientConnection connection)
    {
        if (connection.Response.Status == ResponseStatus.Completed)
        {
            _held.Hold(connection, _hold);
        }
        else
        {
            connection.Dispose();
        }
    }
}
