using System.Net;
using System.Net.Sockets;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Connections;

/// <summary>
/// One client TCP connection: connect, send, read responses, and the ways of closing it that the strategies differ by
/// (a plain close, a half-close, an abortive close).
/// </summary>
public sealed class ClientConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly ResponseReader _reader = new();

    private ClientConnection(Socket socket) => _socket = socket;

    /// <summary>The parser of the last response read.</summary>
    public ResponseParser Response => _reader.Parser;

    /// <summary>True once any byte of the current response arrived.</summary>
    public bool ReceivedAny => _reader.ReceivedAny;

    /// <summary>Connects to <paramref name="endPoint"/> and counts the connection in <paramref name="metrics"/>, for a first request of kind <paramref name="kind"/>.</summary>
    public static async ValueTask<ClientConnection> OpenAsync(IPEndPoint endPoint, LoadMetrics metrics, int kind, CancellationToken ct)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        metrics.OnConnected(kind, ((IPEndPoint)socket.LocalEndPoint!).Port);
        return new ClientConnection(socket);
    }

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var n = await _socket.SendAsync(bytes, SocketFlags.None, ct);
            bytes = bytes[n..];
        }
    }

    /// <summary>Reads one response; see <see cref="Response"/> for what it was.</summary>
    public ValueTask<ResponseStatus> ReadResponseAsync(CancellationToken ct) => _reader.ReadAsync(_socket, ct);

    /// <summary>Waits for the server's FIN, so that the server is the side that closes first.</summary>
    public ValueTask WaitForServerCloseAsync(CancellationToken ct) => _reader.ReadToEndAsync(_socket, ct);

    /// <summary>Sends a FIN (shutdown of the write side) and keeps reading possible: a half-close.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>
    /// Closes with SO_LINGER 0: the kernel sends an RST and drops the socket at once, so neither side keeps a
    /// TIME_WAIT, and whatever was still in flight is lost.
    /// </summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _reader.Dispose();
    }
}
