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
        _control = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{server.ControlPort}"),
            Timeout = TimeSpan.FromSeconds(2),
        };
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
            var (emfile, requests) = await CountersAsync();
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

    private async Task<(long? Emfile, long? RawRequests)> CountersAsync()
    {
        try
        {
            using var doc = JsonDocument.Parse(await _control.GetStringAsync(new Uri("/modes", UriKind.Relative), _stop.Token));
            var failures = doc.RootElement.GetProperty("acceptFailures");
            return (failures.TryGetProperty("EMFILE", out var e) ? e.GetInt64() : 0, doc.RootElement.GetProperty("requests").GetProperty("raw").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, null); // stopping, or at its limit with the kept connection lost
        }
    }
}
