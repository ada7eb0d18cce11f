using System.Net.Sockets;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the HttpClient strategies: connects to the target's
/// endpoint as the default would, and counts each connection, which HttpClient does not report otherwise.
/// </summary>
public sealed class HttpClientConnector
{
    private readonly LoadTarget _target;
    private readonly LoadMetrics _metrics;

    /// <summary>Creates the connector.</summary>
    public HttpClientConnector(LoadTarget target, LoadMetrics metrics)
    {
        _target = target;
        _metrics = metrics;
    }

    /// <summary>A handler whose connections are counted; <paramref name="pooledLifetime"/> as <see cref="SocketsHttpHandler.PooledConnectionLifetime"/>.</summary>
    public SocketsHttpHandler CreateHandler(TimeSpan pooledLifetime) => new()
    {
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = pooledLifetime,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    };

    /// <summary>A request for the target's URL with the scenario's HTTP version, exactly.</summary>
    public HttpRequestMessage Request(Version version) => new(HttpMethod.Get, _target.Url)
    {
        Version = version,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(_target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_target.EndPoint, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _metrics.OnConnected();
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Sends one request through <paramref name="client"/> within <paramref name="timeout"/> and records its outcome.</summary>
    public async ValueTask SendOnceAsync(HttpClient client, Version version, TimeSpan timeout, long intendedStart, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = Request(version);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
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
}
