using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>A plain-socket HTTP client for tests, independent of the project's load engine.</summary>
public static class PlainHttpClient
{
    /// <summary>Connects, sends one request, reads until the server closes or <paramref name="readUntil"/> is seen; returns the socket open.</summary>
    public static async Task<(Socket Socket, string Response)> RequestAsync(IPEndPoint endPoint, string request, string readUntil = "ok\n", TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cts.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token);
            var sb = new StringBuilder();
            var buffer = new byte[4096];
            while (!sb.ToString().Contains(readUntil, StringComparison.Ordinal))
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    break;
                }

                sb.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            return (socket, sb.ToString());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A GET request line and Host header.</summary>
    public static string Get(int port, string path = "/", string version = "1.1") => $"GET {path} HTTP/{version}\r\nHost: 127.0.0.1:{port}\r\n\r\n";
}
