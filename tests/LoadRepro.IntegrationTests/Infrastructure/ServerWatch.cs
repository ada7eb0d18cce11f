using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// Looks at a run's server from outside while the run goes on, every 100 ms until it is gone: /proc/PID/fd, <c>ss</c> and
/// the server's own counters (<c>GET /modes</c>). The control endpoint is asked over one connection opened at the start and
/// kept alive, since a server at its descriptor limit accepts no new one.
/// </summary>
public sealed class ServerWatch : IAsyncDisposable
{
    private readonly RunServer _server;
    private readonly HttpClient _control;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServerSnapshot> _snapshots = [];
    private readonly Task _loop;

    private ServerWatch(RunServer server)
    {
        _server = server;
        _control = ControlClient(server.ControlPort);
        _loop = LoopAsync();
    }

    /// <summary>What was seen so far, in order.</summary>
    public IReadOnlyList<ServerSnapshot> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return _snapshots.ToArray();
            }
        }
    }

    /// <summary>Starts watching <paramref name="server"/>.</summary>
    public static ServerWatch Start(RunServer server) => new(server);

    /// <summary>
    /// Asks a stand-in control endpoint once, so that this process has compiled its HTTP client before the watch starts: a
    /// server reaches its limit within a second of load, and the watch's one connection must be open by then.
    /// </summary>
    public static async Task WarmUpAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var answer = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            var buffer = new byte[4096];
            var head = "";
            while (!head.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                {
                    return;
                }

                head += Encoding.ASCII.GetString(buffer, 0, n);
            }

            var body = "{\"acceptFailures\":{\"EMFILE\":0},\"requests\":{\"raw\":0}}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        });
        using var client = ControlClient(((IPEndPoint)listener.LocalEndpoint).Port);
        await CountersAsync(client, CancellationToken.None);
        await answer;
    }

    /// <summary>Waits until the server is gone and the watch has ended (bounded by <paramref name="timeout"/>).</summary>
    public Task EndAsync(TimeSpan timeout) => _loop.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _control.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var filter = $"( sport = :{_server.Port} )";
        while (!_stop.IsCancellationRequested && Directory.Exists($"/proc/{_server.Pid}"))
        {
            var (emfile, requests) = await CountersAsync(_control, _stop.Token);
            try
            {
                var snapshot = new ServerSnapshot(ProcFds.Count(_server.Pid), await Ss.CountAsync("close-wait", filter), emfile, requests);
                lock (_snapshots)
                {
                    _snapshots.Add(snapshot);
                }
            }
            catch (DirectoryNotFoundException)
            {
                return; // the server exited between the check and the count
            }

            await Task.Delay(100, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static HttpClient ControlClient(int port) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(2),
        };

    private static async Task<(long? Emfile, long? RawRequests)> CountersAsync(HttpClient control, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(await control.GetStringAsync(new Uri("/modes", UriKind.Relative), ct));
            var failures = doc.RootElement.GetProperty("acceptFailures");
            return (failures.TryGetProperty("EMFILE", out var e) ? e.GetInt64() : 0, doc.RootElement.GetProperty("requests").GetProperty("raw").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, null); // stopping, or at its limit with the kept connection lost
        }
    }
}
