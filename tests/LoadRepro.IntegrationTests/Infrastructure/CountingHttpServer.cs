using System.Net;
using System.Net.Sockets;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal loopback HTTP/1.1 server owned by the test, independent of the project's server: it answers every
/// request head with a small 200 on a persistent connection and counts connections and requests, as an oracle.
/// </summary>
public sealed class CountingHttpServer : IAsyncDisposable
{
    private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
    private readonly LoopbackListener _listener;
    private long _requests;

    public CountingHttpServer() => _listener = new LoopbackListener(ServeAsync);

    public IPEndPoint EndPoint => _listener.EndPoint;

    public long Connections => _listener.Accepted;

    public long Requests => Interlocked.Read(ref _requests);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[16384];
        var matched = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                return;
            }

            var heads = LoopbackListener.HeadsEnded(buffer.AsSpan(0, n), ref matched);
            Interlocked.Add(ref _requests, heads);
            for (var h = 0; h < heads; h++)
            {
                await socket.SendAsync(Answer, SocketFlags.None, ct);
            }
        }
    }
}
