using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Tls;

namespace LoadRepro.Load.Connections;

/// <summary>
/// Opens the run's connections to its target and counts each: plain TCP, or TCP with a TLS handshake on it. Which one is
/// decided once, when the run starts, so the plaintext strategies keep their path free of any TLS test per request.
/// </summary>
public sealed class ConnectionOpener
{
    private readonly IPEndPoint _endPoint;
    private readonly LoadMetrics _metrics;
    private readonly SslClientAuthenticationOptions? _tls;
    private readonly Func<int, CancellationToken, ValueTask<ClientConnection>> _open;

    private ConnectionOpener(LoadTarget target, LoadMetrics metrics)
    {
        _endPoint = target.EndPoint;
        _metrics = metrics;
        _tls = target.Tls is { } tls ? TlsClientOptions.For(tls) : null;
        _open = _tls is null ? OpenPlainAsync : OpenTlsAsync;
    }

    /// <summary>The opener for <paramref name="target"/>: TLS when it has <see cref="LoadTarget.Tls"/>.</summary>
    public static ConnectionOpener For(LoadTarget target, LoadMetrics metrics) => new(target, metrics);

    /// <summary>Connects (and, over TLS, shakes hands) and counts the connection, for a first request of kind <paramref name="kind"/>.</summary>
    public ValueTask<ClientConnection> OpenAsync(int kind, CancellationToken ct) => _open(kind, ct);

    /// <summary>A connected socket to the target, counted as a connection opened for a request of kind <paramref name="kind"/>.</summary>
    public async ValueTask<Socket> ConnectAsync(int kind, CancellationToken ct)
    {
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endPoint, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _metrics.OnConnected(kind, ((IPEndPoint)socket.LocalEndPoint!).Port);
        return socket;
    }

    /// <summary>
    /// A TLS stream over <paramref name="socket"/>, its handshake done and counted with its CPU time; when the target is plain
    /// HTTP, a <see cref="NetworkStream"/> over it. Owns the socket either way.
    /// </summary>
    public async ValueTask<Stream> SecureAsync(Socket socket, CancellationToken ct)
    {
        if (_tls is null)
        {
            return new NetworkStream(socket, ownsSocket: true);
        }

        var meter = new HandshakeCpuMeter(new NetworkStream(socket, ownsSocket: true));
        var tls = new SslStream(meter, leaveInnerStreamOpen: false);
        try
        {
            meter.Start();
            await tls.AuthenticateAsClientAsync(_tls, ct);
            meter.Stop();
            _metrics.OnHandshake(meter.CpuNanoseconds);
            return tls;
        }
        catch
        {
            // Refused, cut by the server, timed out or stopped with the run: every connection opened ends its handshake
            // either counted complete or here, so the two counts add up to the connections.
            meter.Stop();
            _metrics.OnHandshakeFailed();
            await tls.DisposeAsync();
            throw;
        }
    }

    private async ValueTask<ClientConnection> OpenPlainAsync(int kind, CancellationToken ct) => new PlainConnection(await ConnectAsync(kind, ct));

    private async ValueTask<ClientConnection> OpenTlsAsync(int kind, CancellationToken ct)
    {
        var socket = await ConnectAsync(kind, ct);
        var tls = (SslStream)await SecureAsync(socket, ct);
        return new TlsConnection(socket, tls);
    }
}
