using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>abandon</c>: send the request, wait the client's patience (<c>abandonAfter</c>) without reading, and close, as
/// impatient clients and proxies do. Every request counts as <c>timeout</c>. If the answer arrived meanwhile it is
/// unread, and Linux answers a close with unread data with an RST; if it did not, the client's FIN reaches a server
/// still busy with the request, which must notice it (RequestAborted) or keep the socket in CLOSE_WAIT.
/// </summary>
public sealed class AbandonStrategy : IRequestStrategy
{
    private readonly ConnectionOpener _opener;
    private readonly RequestMix _mix;
    private readonly byte[][] _requests;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _abandonAfter;
    private readonly LoadMetrics _metrics;

    /// <summary>Creates the strategy; <paramref name="timeout"/> bounds connect and send, <paramref name="abandonAfter"/> is the wait before closing.</summary>
    public AbandonStrategy(LoadTarget target, RequestMix mix, string http, TimeSpan timeout, TimeSpan abandonAfter, LoadMetrics metrics)
    {
        _opener = ConnectionOpener.For(target, metrics);
        _mix = mix;
        _requests = mix.Kinds.Select(k => RequestBytes.One(target.Host, k, http)).ToArray();
        _timeout = timeout;
        _abandonAfter = abandonAfter;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public int RequestsPerExecution => 1;

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        ClientConnection? connection = null;
        var kind = _mix.Next();
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(_timeout);
                connection = await _opener.OpenAsync(kind, timeout.Token);
                await connection.SendAsync(_requests[kind], timeout.Token);
            }

            await Task.Delay(_abandonAfter, ct);
            _metrics.OnFailed(kind, FailureKinds.Timeout);
        }
        catch (Exception e) when (FailureKinds.IsRequestFailure(e, ct))
        {
            _metrics.OnFailed(kind, FailureKinds.Of(e));
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
