using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP/1.1 server owned by the test, independent of the project's code: it reads every request whole (head,
/// then a body of its Content-Length), keeps what arrived and from which client port, and answers a small 200. With a
/// leak path, a connection whose first request has that path is never closed after the client's FIN: it stays in
/// CLOSE_WAIT, as a buggy handler's would, until the server is disposed.
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
    private readonly LoopbackListener _listener;
    private readonly string? _leakPath;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<(int ClientPort, string FirstPath)> _connections = new();

    public RecordingHttpServer(string? leakPath = null)
    {
        _leakPath = leakPath;
        _listener = new LoopbackListener(ServeAsync);
    }

    public IPEndPoint EndPoint => _listener.EndPoint;

    public string Url => $"http://127.0.0.1:{EndPoint.Port}/";

    /// <summary>Every request read so far, whole.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Each connection's client port and the path of its first request.</summary>
    public IReadOnlyList<(int ClientPort, string FirstPath)> Connections => [.. _connections];

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var clientPort = ((IPEndPoint)socket.RemoteEndPoint!).Port;
        var received = new List<byte>();
        var buffer = new byte[65536];
        string? firstPath = null;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                if (firstPath is not null && firstPath == _leakPath)
                {
                    // The bug imitated: the peer's FIN was read and the socket is never closed.
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return;
            }

            received.AddRange(buffer.AsSpan(0, n));
            while (TryTake(received, clientPort) is { } request)
            {
                if (firstPath is null)
                {
                    firstPath = request.Path;
                    _connections.Enqueue((clientPort, firstPath));
                }

                _requests.Enqueue(request);
                await socket.SendAsync(Answer, SocketFlags.None, ct);
            }
        }
    }

    private static RecordedRequest? TryTake(List<byte> received, int clientPort)
    {
        var bytes = received.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = lines[1..];
        var length = headers.Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        if (bytes.Length < end + 4 + length)
        {
            return null;
        }

        received.RemoveRange(0, end + 4 + length);
        return new RecordedRequest(start[0], start[1], headers, bytes.AsSpan(end + 4, length).ToArray(), clientPort);
    }
}
