using System.Net;
using System.Net.Sockets;
using System.Text;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Drives the test server with plain sockets: short connections, idle holders, abandoned requests. Every wait is bounded.</summary>
public static class SocketDriver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Opens <paramref name="count"/> connections one after another; each sends <paramref name="request"/>, reads the answer, and the client closes.</summary>
    public static async Task ShortConnectionsAsync(IPEndPoint endPoint, string request, int count, string readUntil = "ok\n")
    {
        for (var i = 0; i < count; i++)
        {
            var (socket, response) = await PlainHttpClient.RequestAsync(endPoint, request, readUntil, Timeout);
            using (socket)
            {
                Assert.Contains(" 200 OK", response, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Sends requests on one connection and reads each answer; returns the socket still open.</summary>
    public static async Task<Socket> KeepAliveAsync(IPEndPoint endPoint, string request, int count)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await socket.ConnectAsync(endPoint, cts.Token);
            var buffer = new byte[4096];
            for (var i = 0; i < count; i++)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token);
                var seen = new StringBuilder();
                while (!seen.ToString().EndsWith("ok\n", StringComparison.Ordinal))
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                    Assert.True(n > 0, $"the server closed the connection after {i} of {count} requests");
                    seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads until the server closes the connection; returns what it sent, or null when it did not close within <paramref name="timeout"/>.</summary>
    public static async Task<string?> ReadToCloseAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    return seen.ToString();
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="request"/> on <paramref name="count"/> connections at once, waits <paramref name="patience"/>, then gives up on all of them (the client closes).</summary>
    public static async Task AbandonAsync(IPEndPoint endPoint, string request, int count, TimeSpan patience)
    {
        var sockets = new List<Socket>();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(endPoint, cts.Token);
                await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cts.Token);
            }

            await Task.Delay(patience);
        }
        finally
        {
            foreach (var s in sockets)
            {
                s.Dispose();
            }
        }
    }
}
