using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTPS server owned by the test, independent of the project's server: SslStream with a self-signed
/// certificate the test makes (so no client trusts it), a small 200 for every request head on a persistent connection.
/// It counts, on the server side, TLS handshakes completed and the SNI name each one carried: the oracle of the client's
/// own counts.
/// </summary>
public sealed class TlsHttpServer : IAsyncDisposable
{
    private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
    private readonly X509Certificate2 _certificate = MakeCertificate();
    private readonly ConcurrentDictionary<string, long> _serverNames = new(StringComparer.Ordinal);
    private readonly LoopbackListener _listener;
    private long _handshakes;
    private long _failedHandshakes;
    private long _requests;

    public TlsHttpServer() => _listener = new LoopbackListener(ServeAsync);

    public IPEndPoint EndPoint => _listener.EndPoint;

    /// <summary>TCP connections accepted.</summary>
    public long Connections => _listener.Accepted;

    /// <summary>TLS handshakes the server completed.</summary>
    public long Handshakes => Interlocked.Read(ref _handshakes);

    /// <summary>TLS handshakes that failed on the server's side (the client refused the certificate, or left).</summary>
    public long FailedHandshakes => Interlocked.Read(ref _failedHandshakes);

    /// <summary>Request heads received over TLS.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The SNI names the completed handshakes carried ("" for none), with how many carried each.</summary>
    public IReadOnlyDictionary<string, long> ServerNames => _serverNames;

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, handshakeTimeout.Token);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failedHandshakes);
            return;
        }

        Interlocked.Increment(ref _handshakes);
        _serverNames.AddOrUpdate(tls.TargetHostName, 1, static (_, n) => n + 1);
        var buffer = new byte[16384];
        var matched = 0;
        try
        {
            while (true)
            {
                var n = await tls.ReadAsync(buffer, ct);
                if (n == 0)
                {
                    return;
                }

                var heads = LoopbackListener.HeadsEnded(buffer.AsSpan(0, n), ref matched);
                Interlocked.Add(ref _requests, heads);
                for (var h = 0; h < heads; h++)
                {
                    await tls.WriteAsync(Answer, ct);
                }
            }
        }
        catch (IOException)
        {
            // The client closed without a TLS close_notify, or reset: the end of this connection.
        }
    }
}
