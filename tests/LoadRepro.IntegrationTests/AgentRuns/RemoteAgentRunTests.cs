using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.AgentRuns;

/// <summary>
/// <c>run --agent</c> across two "hosts": the test server and <c>loadrepro agent</c> in a network namespace of the test's own,
/// the load (and the test) in the test's namespace, joined by a veth pair. <c>ss</c> run inside the server's namespace is
/// the oracle of the agent's figures; the server's own /proc (the namespace shares the PID namespace) of the run's.
/// </summary>
public sealed partial class RemoteAgentRunTests
{
    private const string Token = "s3cret-agent-token";

    [Fact]
    public async Task AgentFigures_EqualSsInTheServersNamespace_OnTheSamePopulation()
    {
        await using var net = new AgentHostNetwork();
        var (_, server) = await net.StartAsync(ServerReady(), "server", "--listen", net.ServerAddress, "--port", "0", "--bug", "ignore-peer-fin",
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var port = int.Parse(server.Groups[1].Value, CultureInfo.InvariantCulture);
        var (_, agent) = await net.StartAsync(AgentReady(), "agent", "--listen", $"{net.ServerAddress}:0", "--allow-remote", "--token", Token,
            "--target-port", port.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri(agent.Groups[1].Value), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // 30 connections the client closed after one answer (the server ignores the FIN: CLOSE_WAIT there), 10 held open.
        var endPoint = new IPEndPoint(IPAddress.Parse(net.ServerAddress), port);
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var socket = await OneRequestAsync(endPoint);
                if (i < 30)
                {
                    socket.Shutdown(SocketShutdown.Send);
                }

                held.Add(socket);
            }

            var filter = $"( sport = :{port} )";
            async Task<(int CloseWait, int Established)> SsAsync() =>
                ((await net.ExecAsync("ss", "-tanH", "state", "close-wait", filter)).Length, (await net.ExecAsync("ss", "-tanH", "state", "established", filter)).Length);
            Assert.True(await Eventually.HoldsAsync(async () => (await SsAsync()).CloseWait == 30, TimeSpan.FromSeconds(20)), "ss never saw the 30 CLOSE_WAIT");

            // Tolerance: none, at a moment ss reads the same before and after the agent's answer (the agent samples every 100 ms).
            var compared = false;
            for (var attempt = 0; attempt < 20 && !compared; attempt++)
            {
                await Task.Delay(300);
                var before = await SsAsync();
                var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
                var after = await SsAsync();
                if (before != after)
                {
                    continue;
                }

                Assert.Equal(before.CloseWait, Series(metrics, port, "CLOSE_WAIT"));
                Assert.Equal(before.Established, Series(metrics, port, "ESTABLISHED"));
                compared = true;
            }

            Assert.True(compared, "ss never read the same twice around an agent scrape");
        }
        finally
        {
            foreach (var s in held)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task RemoteRun_OfTheLeak_ShowsEmfileAndTheDiagnosis_WithTheClockOffsetWithinItsBound()
    {
        await using var net = new AgentHostNetwork();
        var (_, server) = await net.StartAsync(ServerReady(), "server", "--listen", net.ServerAddress, "--port", "0", "--bug", "ignore-peer-fin", "--max-fds", "1024",
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var port = server.Groups[1].Value;
        var serverPid = int.Parse(server.Groups[2].Value, CultureInfo.InvariantCulture);
        var (_, agent) = await net.StartAsync(AgentReady(), "agent", "--listen", $"{net.ServerAddress}:0", "--allow-remote", "--token", Token, "--target-port", port);
        using var reports = new TempFolder();

        // The oracle: the server's own limit and descriptor table in /proc (the namespace shares the PID namespace), watched
        // while the run lasts (at EMFILE the .NET runtime may abort with "Out of memory.", which the run reports as its exit).
        var softLimit = ProcFds.SoftLimit(serverPid);
        using var stopWatching = new CancellationTokenSource();
        var mostFds = WatchMostFdsAsync(serverPid, stopWatching.Token);
        var run = await LoadReproCli.RunAsync(TimeSpan.FromMinutes(3), "run", "close-wait-leak", "--target", $"http://{net.ServerAddress}:{port}/",
            "--agent", agent.Groups[1].Value, "--agent-token", Token, "--allow-remote-target", "--out", reports.Path);
        await stopWatching.CancelAsync();

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.True(summary.GetProperty("exhaustion").GetProperty("reached").GetBoolean());
        Assert.Equal("close-wait-leak", summary.GetProperty("diagnosis").GetProperty("kind").GetString());

        Assert.Equal(softLimit, summary.GetProperty("target").GetProperty("maxFds").GetInt32());
        Assert.InRange(await mostFds, softLimit - 2, softLimit);
        Assert.InRange(summary.GetProperty("peak").GetProperty("fds").GetInt32(), softLimit - 2, softLimit);

        // The client side is this host's: the load's sockets to the server's port.
        var clientTcp = summary.GetProperty("peak").GetProperty("clientTcp");
        Assert.True(clientTcp.EnumerateObject().Sum(p => p.Value.GetInt32()) > 0, clientTcp.ToString());

        // Both namespaces read one kernel's clock: the true offset is 0, and the measured one must be within its bound of it.
        var samples = summary.GetProperty("samples").GetProperty("agent");
        var offset = samples.GetProperty("clockOffsetMs").GetDouble();
        var bound = samples.GetProperty("clockOffsetBoundMs").GetDouble();
        Assert.True(Math.Abs(offset) <= bound, $"offset {offset} ms, bound {bound} ms");
        Assert.Equal(JsonNull, samples.GetProperty("stoppedAtSeconds").ValueKind);
        Assert.Contains("placed on this run's clock", await File.ReadAllTextAsync(Path.Combine(RunDirectoryReader.OnlyRun(reports.Path), "report.md")), StringComparison.Ordinal);
    }

    private static async Task<int> WatchMostFdsAsync(int pid, CancellationToken ct)
    {
        var most = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                most = Math.Max(most, ProcFds.Count(pid));
            }
            catch (IOException)
            {
                // The server is gone (its /proc entry with it): what it held before is the figure.
                return most;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return most;
    }

    private static System.Text.Json.JsonValueKind JsonNull => System.Text.Json.JsonValueKind.Null;

    private static async Task<Socket> OneRequestAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(endPoint, cts.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: agent-test\r\n\r\n"), cts.Token);
        var buffer = new byte[4096];
        _ = await socket.ReceiveAsync(buffer, cts.Token);
        return socket;
    }

    private static int Series(string metrics, int port, string state)
    {
        var m = Regex.Match(metrics, $"^loadrepro_tcp_sockets\\{{port=\"{port}\",side=\"server\",state=\"{state}\"\\}} ([0-9.e+]+)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no {state} series for port {port} in /metrics");
        return (int)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^READY port=(\d+) pid=(\d+)")]
    private static partial Regex ServerReady();

    [GeneratedRegex(@"^AGENT listening on (http://\S+) ")]
    private static partial Regex AgentReady();
}
