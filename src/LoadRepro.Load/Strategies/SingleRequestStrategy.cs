using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// One connection per request: connect, send, read the answer, close. The strategies built on it differ only in how
/// the write side ends, what happens after the answer, and how the socket is closed, which is what decides where
/// TIME_WAIT lands.
/// </summary>
public abstract class SingleRequestStrategy : IRequestStrategy
{
    private readonly ConnectionOpener _opener;
    private readonly RequestMix _mix;
    private readonly byte[][] _requests;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the strategy; the request bytes of each kind of <paramref name="mix"/> are built here, once.</summary>
    protected SingleRequestStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, LoadMetrics metrics)
    {
        _opener = ConnectionOpener.For(target, metrics);
        _mix = mix;
        _requests = mix.Kinds.Select(k => RequestBytes.One(target.Host, k, http)).ToArray();
        _timeout = timeout;
        Metrics = metrics;
    }

    /// <inheritdoc />
    public int RequestsPerExecution => 1;

    /// <summary>The run's metrics.</summary>
    protected LoadMetrics Metrics { get; }

    /// <summary>When the server says it closes (HTTP/1.0, <c>Connection: close</c>), wait for its FIN before closing, so the server closes first.</summary>
    protected virtual bool WaitsForServerClose => true;

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        ClientConnection? connection = null;
        var kind = _mix.Next();
        try
        {
            connection = await _opener.OpenAsync(kind, timeout.Token);
            await connection.SendAsync(_requests[kind], timeout.Token);
            AfterSend(connection);
            var status = await connection.ReadResponseAsync(timeout.Token);
            if (status != ResponseStatus.Completed || connection.Response.StatusCode is < 200 or > 299)
            {
                Metrics.OnFailed(kind, FailureKinds.BadResponse);
                return;
            }

            Metrics.OnOk(kind, intendedStart);
            if (WaitsForServerClose && connection.Response.ServerCloses)
            {
                await connection.WaitForServerCloseAsync(timeout.Token);
            }

            await AfterAnswerAsync(connection, ct);
        }
        catch (Exception e) when (FailureKinds.IsRequestFailure(e, ct))
        {
            // A failure after the answer was counted (waiting for the server's FIN) is not a second outcome.
            if (connection?.Response.Status != ResponseStatus.Completed)
            {
                Metrics.OnFailed(kind, FailureKinds.Of(e));
            }
        }
        finally
        {
            if (connection is not null)
            {
                Close(connection);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs after the request was sent, before the answer is read.</summary>
    protected virtual void AfterSend(ClientConnection connection)
    {
    }

    /// <summary>Runs after a good answer, before the close; <paramref name="ct"/> is the run's token.</summary>
    protected virtual ValueTask AfterAnswerAsync(ClientConnection connection, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>Closes the connection; by default a normal close (FIN).</summary>
    protected virtual void Close(ClientConnection connection) => connection.Dispose();
}
