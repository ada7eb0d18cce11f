using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the HttpClient strategies and their requests: connects to the
/// target's endpoint as the default would, and counts each connection, with the kind of request that opened it, which
/// HttpClient does not report otherwise. For an https target it also makes the TLS handshake (the run's
/// <see cref="ConnectionOpener"/>: SNI, <c>--insecure</c>, the embedded server's pinned certificate, and its CPU counted
/// as for the other strategies) and hands the handler the TLS stream, so the requests' URLs stay http:// underneath.
/// </summary>
public sealed class HttpClientConnector
{
    private static readonly HttpRequestOptionsKey<int> KindKey = new("loadrepro.kind");
    private readonly LoadTarget _target;
    private readonly RequestMix _mix;
    private readonly LoadMetrics _metrics;
    private readonly ConnectionOpener _opener;

    /// <summary>Creates the connector for the kinds of <paramref name="mix"/>.</summary>
    public HttpClientConnector(LoadTarget target, RequestMix mix, LoadMetrics metrics)
    {
        _target = target;
        _mix = mix;
        _metrics = metrics;
        _opener = ConnectionOpener.For(target, metrics);
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

    /// <summary>Sends one request of the mix's next kind through <paramref name="client"/> within <paramref name="timeout"/> and records its outcome.</summary>
    public async ValueTask SendOnceAsync(HttpClient client, Version version, TimeSpan timeout, long intendedStart, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var kind = _mix.Next();
        try
        {
            using var request = Request(kind, version);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                _metrics.OnOk(kind, intendedStart);
            }
            else
            {
                _metrics.OnFailed(kind, FailureKinds.BadResponse);
            }
        }
        catch (Exception e) when (FailureKinds.IsRequestFailure(e, ct))
        {
            _metrics.OnFailed(kind, FailureKinds.Of(e));
        }
    }

    /// <summary>A request of kind <paramref name="kind"/> with the scenario's HTTP version, exactly.</summary>
    private HttpRequestMessage Request(int kind, Version version)
    {
        var spec = _mix.Kinds[kind];
        var request = new HttpRequestMessage(HttpMethod.Parse(spec.Method), $"http://{_target.Host}{spec.Path}")
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = spec.Body.Length > 0 || spec.Method is "POST" or "PUT" or "PATCH" ? new ByteArrayContent(spec.Body) : null,
        };
        request.Options.Set(KindKey, kind);
        foreach (var line in spec.Headers)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());

            // Content-Type and its kin belong to the body, the rest to the request.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var kind = context.InitialRequestMessage.Options.TryGetValue(KindKey, out var k) ? k : 0;
        return await _opener.SecureAsync(await _opener.ConnectAsync(kind, ct), ct);
    }
}
