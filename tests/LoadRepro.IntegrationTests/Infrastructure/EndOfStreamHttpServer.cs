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
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly TimeSpan _finWait;
    private readonly Task _accepting;
    private long _answered;
    private long _endOfStreamFirst;

    public EndOfStreamHttpServer(TimeSpan finWait)
    {
        _finWait = finWait;
        _listener.Start(1024);
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Requests answered.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests whose connection's end of stream the server read before it sent the answer.</summary>
    public long EndOfStreamBeforeAnswer => Interlocked.Read(ref _endOfStreamFirst);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5));
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(socket));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            try
            {
                if (!await ReadHeadAsync(socket, buffer))
                {
                    return;
                }

                // The head is in; now wait for the FIN before answering. A pending read left behind ends when the socket closes.
                var rest = ReadToEndAsync(socket, buffer);
                if (await Task.WhenAny(rest, Task.Delay(_finWait, _stop.Token)) == rest && await rest)
                {
                    Interlocked.Increment(ref _endOfStreamFirst);
                }

                await socket.SendAsync(Answer, SocketFlags.None, _stop.Token);
                Interlocked.Increment(ref _answered);
                socket.Shutdown(SocketShutdown.Send);
                await rest.WaitAsync(_finWait, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException)
            {
            }
        }
    }

    /// <summary>Reads until the end of a request head; false when the stream ended first.</summary>
    private async Task<bool> ReadHeadAsync(Socket socket, byte[] buffer)
    {
        var matched = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (n == 0)
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                matched = buffer[i] == HeadEnd[matched] ? matched + 1 : buffer[i] == HeadEnd[0] ? 1 : 0;
                if (matched == HeadEnd.Length)
                {
                    return true;
                }
            }
        }
    }

    /// <summary>Reads until the peer's end of stream; true when it came, false when the socket failed first.</summary>
    private async Task<bool> ReadToEndAsync(Socket socket, byte[] buffer)
    {
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) > 0)
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
