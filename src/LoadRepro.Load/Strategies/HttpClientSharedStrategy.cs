using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>httpclient-shared</c>: the fix, one <see cref="HttpClient"/> over one <see cref="SocketsHttpHandler"/> for the
/// whole run, with <see cref="SocketsHttpHandler.PooledConnectionLifetime"/> so DNS changes are still picked up.
/// Connections are pooled and reused, so the caller keeps a handful of ESTABLISHED sockets instead of a TIME_WAIT per request.
/// </summary>
public sealed class HttpClientSharedStrategy : IRequestStrategy
{
    private readonly HttpClientConnector _connector;
    private readonly HttpClient _client;
    private readonly Version _version;
    private readonly TimeSpan _timeout;
    private readonly LoadMetrics _metrics;

    /// <summary>Creates the strategy; <paramref name="pooledLifetime"/> is how long a pooled connection is kept.</summary>
    public HttpClientSharedStrategy(LoadTarget target, string http, TimeSpan timeout, TimeSpan pooledLifetime, LoadMetrics metrics)
    {
        _connector = new HttpClientConnector(target, metrics);
        _client = new HttpClient(_connector.CreateHandler(pooledLifetime), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _version = Version.Parse(http);
        _timeout = timeout;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public int RequestsPerExecution => 1;

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = _connector.Request(_version);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                _metrics.OnOk(intendedStart);
            }
            else
            {
                _metrics.OnFailed(FailureKinds.BadResponse);
            }
        }
        catch (Exception e) when (FailureKinds.IsRequestFailure(e, ct))
        {
            _metrics.OnFailed(FailureKinds.Of(e));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
