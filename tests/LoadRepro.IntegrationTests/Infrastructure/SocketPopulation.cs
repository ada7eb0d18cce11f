using System.Net;
using System.Net.Sockets;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A known set of TCP sockets on one loopback port, made with plain sockets by the test process:
/// CLOSE_WAIT held by the server side (its peer, orphaned, waits in FIN_WAIT2), TIME_WAIT on the server side (server
/// closed first), TIME_WAIT on the client side (client closed first), and ESTABLISHED pairs. Closes what it holds on dispose.
/// </summary>
public sealed class SocketPopulation : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _held = [];

    private SocketPopulation(Socket listener) => _listener = listener;

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public int CloseWait { get; private init; }

    public int ServerTimeWait { get; private init; }

    public int ClientTimeWait { get; private init; }

    public int Established { get; private init; }

    public static async Task<SocketPopulation> CreateAsync(IPAddress loopback, int closeWait, int serverTimeWait, int clientTimeWait, int established)
    {
        var listener = new Socket(loopback.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(loopback, 0));
        listener.Listen(1024);
        var population = new SocketPopulation(listener)
        {
            CloseWait = closeWait,
            ServerTimeWait = serverTimeWait,
            ClientTimeWait = clientTimeWait,
            Established = established,
        };
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            for (var i = 0; i < closeWait; i++)
            {
                var (client, server) = await population.PairAsync(loopback, cts.Token);
                population._held.Add(server);
                client.Dispose();
            }

            for (var i = 0; i < serverTimeWait; i++)
            {
                var (client, server) = await population.PairAsync(loopback, cts.Token);
                server.Dispose();
                await WaitForEndOfStreamAsync(client, cts.Token);
                client.Dispose();
            }

            for (var i = 0; i < clientTimeWait; i++)
            {
                var (client, server) = await population.PairAsync(loopback, cts.Token);
                client.Dispose();
                await WaitForEndOfStreamAsync(server, cts.Token);
                server.Dispose();
            }

            for (var i = 0; i < established; i++)
            {
                var (client, server) = await population.PairAsync(loopback, cts.Token);
                population._held.Add(client);
                population._held.Add(server);
            }

            return population;
        }
        catch
        {
            population.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var s in _held)
        {
            s.Dispose();
        }

        _listener.Dispose();
    }

    private async Task<(Socket Client, Socket Server)> PairAsync(IPAddress loopback, CancellationToken ct)
    {
        var client = new Socket(loopback.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var accept = _listener.AcceptAsync(ct);
            await client.ConnectAsync(new IPEndPoint(loopback, Port), ct);
            return (client, await accept);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task WaitForEndOfStreamAsync(Socket socket, CancellationToken ct)
    {
        // Reading the peer's FIN first makes the order of the closes certain: the side that closed first gets TIME_WAIT.
        var buffer = new byte[1];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
        {
        }
    }
}
