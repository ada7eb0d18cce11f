using System.Net.Sockets;
using LoadRepro.Load.Http;

namespace LoadRepro.Load.Connections;

/// <summary>
/// One client TCP connection: send, read responses, and the ways of closing it that the strategies differ by (a plain
/// close, a half-close, an abortive close). Plain TCP (<see cref="PlainConnection"/>) or TLS over it
/// (<see cref="TlsConnection"/>), opened by the run's <see cref="ConnectionOpener"/>, which picks one of them once per run.
/// </summary>
public abstract class ClientConnection : IDisposable, IResponseSource
{
    private readonly ResponseReader _reader = new();

    /// <summary>Wraps the connected <paramref name="socket"/>.</summary>
    private protected ClientConnection(Socket socket) => Socket = socket;

    /// <summary>The parser of the last response read.</summary>
    public ResponseParser Response => _reader.Parser;

    /// <summary>True once any byte of the current response arrived.</summary>
    public bool ReceivedAny => _reader.ReceivedAny;

    /// <summary>The connected socket underneath.</summary>
    private protected Socket Socket { get; }

    /// <summary>Sends all of <paramref name="bytes"/>.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);

    /// <inheritdoc />
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct);

    /// <summary>Reads one response; see <see cref="Response"/> for what it was.</summary>
    public ValueTask<ResponseStatus> ReadResponseAsync(CancellationToken ct) => _reader.ReadAsync(this, ct);

    /// <summary>Waits for the server's FIN, so that the server is the side that closes first.</summary>
    public ValueTask WaitForServerCloseAsync(CancellationToken ct) => _reader.ReadToEndAsync(this, ct);

    /// <summary>Sends a FIN (shutdown of the write side) and keeps reading possible: a half-close.</summary>
    public void ShutdownSend() => Socket.Shutdown(SocketShutdown.Send);

    /// <summary>
    /// Closes with SO_LINGER 0: the kernel sends an RST and drops the socket at once, so neither side keeps a
    /// TIME_WAIT, and whatever was still in flight is lost.
    /// </summary>
    public void Abort()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the socket (and whatever is layered on it) and returns the read buffer.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Socket.Dispose();
            _reader.Dispose();
        }
    }
}
