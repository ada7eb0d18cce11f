using System.Net.Security;
using System.Net.Sockets;

namespace LoadRepro.Load.Connections;

/// <summary>A TLS connection: an <see cref="SslStream"/> over the TCP socket, its handshake already done.</summary>
public sealed class TlsConnection : ClientConnection
{
    private readonly SslStream _tls;

    internal TlsConnection(Socket socket, SslStream tls)
        : base(socket) => _tls = tls;

    /// <inheritdoc />
    public override ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) => _tls.WriteAsync(bytes, ct);

    /// <inheritdoc />
    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => _tls.ReadAsync(buffer, ct);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The socket first: disposing the SslStream first would have its NetworkStream shut the socket down (a FIN)
        // before the close, and an abortive close (rst) would leave a TIME_WAIT instead of sending an RST.
        base.Dispose(disposing);
        if (disposing)
        {
            _tls.Dispose();
        }
    }
}
