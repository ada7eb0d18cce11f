using System.Net;
using System.Net.Sockets;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The accept loop the tests' own servers share: listens on 127.0.0.1 (or ::1), hands each connection to its serve function, and on
/// dispose stops accepting and waits (bounded) for every connection it handed out.
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Func<Socket, CancellationToken, Task> _serve;
    private readonly Task _accepting;
    private long _accepted;

    /// <summary>Starts listening on 127.0.0.1, or on <paramref name="address"/> (::1); <paramref name="serve"/> runs once per accepted connection, which it owns.</summary>
    public LoopbackListener(Func<Socket, CancellationToken, Task> serve, IPAddress? address = null)
    {
        _serve = serve;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start(1024);
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>
    /// Feeds <paramref name="received"/> to a request-head matcher (<paramref name="matched"/> bytes of CRLF CRLF seen so far,
    /// kept across reads) and returns how many request heads ended in it.
    /// </summary>
    public static int HeadsEnded(ReadOnlySpan<byte> received, ref int matched)
    {
        var heads = 0;
        foreach (var b in received)
        {
            matched = b == HeadEnd[matched] ? matched + 1 : b == HeadEnd[0] ? 1 : 0;
            if (matched == HeadEnd.Length)
            {
                heads++;
                matched = 0;
            }
        }

        return heads;
    }

    /// <inheritdoc />
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
                Interlocked.Increment(ref _accepted);
                lock (_connections)
                {
                    _connections.Add(ServeOwnedAsync(socket));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeOwnedAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await _serve(socket, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException)
            {
            }
        }
    }
}
