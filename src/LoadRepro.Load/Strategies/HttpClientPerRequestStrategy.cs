namespace LoadRepro.Load.Strategies;

/// <summary>
/// <c>httpclient-per-request</c>: the classic misuse, <c>using var client = new HttpClient()</c> around every call.
/// Disposing the client closes its connection from the client side after every request, so each request leaves a
/// TIME_WAIT on the caller for 60 s, and a busy caller runs out of ports (EADDRNOTAVAIL).
/// </summary>
public sealed class HttpClientPerRequestStrategy : IRequestStrategy
{
    private readonly HttpClientConnector _connector;
    private readonly Version _version;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the strategy; <paramref name="connector"/> makes and counts its connections and requests.</summary>
    public HttpClientPerRequestStrategy(HttpClientConnector connector, string http, TimeSpan timeout)
    {
        _connector = connector;
        _version = Version.Parse(http);
        _timeout = timeout;
    }

    /// <inheritdoc />
    public int RequestsPerExecution => 1;

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        using var client = new HttpClient(_connector.CreateHandler(Timeout.InfiniteTimeSpan), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        await _connector.SendOnceAsync(client, _version, _timeout, intendedStart, ct);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
