using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>keep-alive</c>: a pool of persistent connections (<c>concurrency</c> of them), many requests each, optionally
/// pipelined (<c>pipeline</c> requests sent back to back before their answers are read). A connection the server
/// closes (<c>Connection: close</c>, max-requests, idle timeout) is replaced by a new one on the next request.
/// </summary>
public sealed class KeepAliveStrategy : IRequestStrategy
{
    private readonly ConnectionOpener _opener;
    private readonly RequestMix _mix;
    private readonly byte[][] _requests;
    private readonly TimeSpan _timeout;
    private readonly LoadMetrics _metrics;
    private readonly ConnectionPool<PersistentConnection> _pool;

    /// <summary>
    /// Creates the strategy with <paramref name="connections"/> connections and a pipeline <paramref name="depth"/>: each
    /// execution sends <paramref name="depth"/> requests of one kind of <paramref name="mix"/>, built here, once per kind.
    /// </summary>
    public KeepAliveStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, int connections, int depth, LoadMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _opener = ConnectionOpener.For(target, metrics);
        _mix = mix;
        _requests = mix.Kinds.Select(k => RequestBytes.KeepAlive(target.Host, k, http, depth)).ToArray();
        _timeout = timeout;
        _metrics = metrics;
        _pool = new ConnectionPool<PersistentConnection>(connections);
        RequestsPerExecution = depth;
    }

    /// <inheritdoc />
    public int RequestsPerExecution { get; }

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        var rented = await _pool.RentAsync(ct);
        PersistentConnection? kept = null;
        try
        {
            kept = await ExchangeAsync(rented, intendedStart, ct);
        }
        finally
        {
            _pool.Return(kept);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Makes the requests on <paramref name="connection"/> (or a new one); returns the connection when it can be reused.</summary>
    private async ValueTask<PersistentConnection?> ExchangeAsync(PersistentConnection? connection, long intendedStart, CancellationToken ct)
    {
        var answered = 0;
        var kind = _mix.Next();
        for (var attempt = 0; ; attempt++)
        {
            var reused = connection is not null;
            try
            {
                connection ??= await PersistentConnection.OpenAsync(_opener, kind, _timeout, ct);
                var token = connection.Deadline.Start();
                await connection.Connection.SendAsync(_requests[kind], token);
                for (; answered < RequestsPerExecution; answered++)
                {
                    var status = await connection.Connection.ReadResponseAsync(token);
                    var response = connection.Connection.Response;
                    if (status == ResponseStatus.Completed && response.StatusCode is >= 200 and <= 299)
                    {
                        _metrics.OnOk(kind, intendedStart);
                        continue;
                    }

                    if (IsStale(reused, attempt, answered, connection))
                    {
                        connection.Dispose();
                        connection = null;
                        break;
                    }

                    FailRest(kind, answered, FailureKinds.BadResponse);
                    connection.Dispose();
                    return null;
                }

                if (connection is null)
                {
                    continue;
                }

                if (connection.Connection.Response.ServerCloses)
                {
                    // The server said it closes: let it close first, as the short strategy does, so TIME_WAIT stays on its side.
                    await connection.Connection.WaitForServerCloseAsync(token);
                    connection.Dispose();
                    return null;
                }

                return connection;
            }
            catch (Exception e) when (FailureKinds.IsRequestFailure(e, ct))
            {
                var stale = e is not OperationCanceledException && connection is not null && IsStale(reused, attempt, answered, connection);
                connection?.Dispose();
                connection = null;
                if (!stale)
                {
                    FailRest(kind, answered, FailureKinds.Of(e));
                    return null;
                }
            }
            catch
            {
                connection?.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// A reused connection that the server closed while it was idle in the pool fails before any byte of the first
    /// answer: the request never reached the application, so it is retried once on a new connection (as HTTP clients do).
    /// </summary>
    private static bool IsStale(bool reused, int attempt, int answered, PersistentConnection connection) =>
        reused && attempt == 0 && answered == 0 && !connection.Connection.ReceivedAny;

    private void FailRest(int kind, int answered, string failure)
    {
        for (var i = answered; i < RequestsPerExecution; i++)
        {
            _metrics.OnFailed(kind, failure);
        }
    }
}
