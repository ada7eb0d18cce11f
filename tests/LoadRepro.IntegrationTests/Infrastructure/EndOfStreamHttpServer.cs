using System.Net;
using System.Net.Sockets;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP server owned by the test, independent of the project's: on each connection it reads one request head,
/// then holds its answer until it has read the client's end of stream (the client's FIN) or waited <c>finWait</c> for it,
/// and counts which came first. A client that half-closes after its request is answered only after its FIN arrived.
/// </summary>
public sealed class EndOfStreamHttpServer : IAsyncDisposable
{
    private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"u8.ToArray();
    private readonly LoopbackListener _listener;
    private readonly TimeSpan _finWait;
    private long _answered;
    private long _endOfStreamFirst;

    public EndOfStreamHttpServer(TimeSpan finWait)
    {
        _finWait = finWait;
        _listener = new LoopbackListener(ServeAsync);
    }

    public IPEndPoint EndPoint => _listener.EndPoint;

    /// <summary>Requests answered.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests whose connection's end of stream the server read before it sent the answer.</summary>
    public long EndOfStreamBeforeAnswer => Interlocked.Read(ref _endOfStreamFirst);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        if (!await ReadHeadAsync(socket, buffer, ct))
        {
            return;
        }

        // The head is in; now wait for the FIN before answering. A pending read left behind ends when the socket closes.
        var rest = ReadToEndAsync(socket, buffer, ct);
        if (await Task.WhenAny(rest, Task.Delay(_finWait, ct)) == rest && await rest)
        {
            Interlocked.Increment(ref _endOfStreamFirst);
        }

        await socket.SendAsync(Answer, SocketFlags.None, ct);
        Interlocked.Increment(ref _answered);
        socket.Shutdown(SocketShutdown.Send);
        await rest.WaitAsync(_finWait, ct);
    }

    /// <summary>Reads until the end of a request head; false when the stream ended first.</summary>
    private static async Task<bool> ReadHeadAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        var matched = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                return false;
            }

            if (LoopbackListener.HeadsEnded(buffer.AsSpan(0, n), ref matched) > 0)
            {
                return true;
            }
        }
    }

    /// <summary>Reads until the peer's end of stream; true when it came, false when the socket failed first.</summary>
    private static async Task<bool> ReadToEndAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
            {
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
