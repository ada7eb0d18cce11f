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

    /// <summary>Creates the strategy; <paramref name="pooledLifetime"/> is how long a pooled connection is kept.</summary>
    public HttpClientSharedStrategy(HttpClientConnector connector, string http, TimeSpan timeout, TimeSpan pooledLifetime)
    {
        _connector = connector;
        _client = new HttpClient(_connector.CreateHandler(pooledLifetime), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _version = Version.Parse(http);
        _timeout = timeout;
    }

    /// <inheritdoc />
    public int RequestsPerExecution => 1;

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        await _connector.SendOnceAsync(_client, _version, _timeout, intendedStart, ct);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
