using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>The server's /metrics endpoint (prometheus-net), checked against /proc and ss for the same process.</summary>
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_CountLeakedConnectionsAndDescriptors_AsSsAndProcSeeThem()
    {
        // Port 0: the server binds a free one itself (a port probed free and closed could be taken before it binds); it is
        // the one listener of the server that its readiness line does not name.
        var info = LoadReproCli.StartInfo(["server", "--port", "0", "--bug", "ignore-peer-fin", "--max-fds", "1024", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        info.Environment["LOADREPRO_METRICS_PORT"] = "0";
        using var server = Process.Start(info)!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var readiness = await server.StandardOutput.ReadLineAsync(cts.Token) ?? "";
            var ready = ReadyLine().Match(readiness);
            Assert.True(ready.Success, "no readiness line");
            var port = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);
            var named = Regex.Matches(readiness, @"[Pp]ort=(\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
            var metricsPort = Assert.Single(await Ss.ListeningPortsAsync(server.Id), p => !named.Contains(p));

            const int Leaks = 5;
            for (var i = 0; i < Leaks; i++)
            {
                var (socket, response) = await PlainHttpClient.RequestAsync(new IPEndPoint(IPAddress.Loopback, port), PlainHttpClient.Get(port));
                Assert.Contains("200", response, StringComparison.Ordinal);
                socket.Dispose();
            }

            var filter = $"( sport = :{port} )";
            Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) == Leaks, TimeSpan.FromSeconds(5)), "ss does not see the leaked connections");

            var text = await ScrapeAsync(metricsPort);
            Assert.Equal(Leaks, Value(text, "loadrepro_server_leaked_connections"));
            Assert.Equal(1024, Value(text, "process_max_fds"));
            var fds = Directory.GetFileSystemEntries($"/proc/{server.Id}/fd").Length;
            Assert.InRange(Value(text, "process_open_fds"), fds - 10, fds + 10);
            Assert.Contains("# TYPE loadrepro_server_accept_failures_total counter", text, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<string> ScrapeAsync(int port)
    {
        var (socket, response) = await PlainHttpClient.RequestAsync(
            new IPEndPoint(IPAddress.Loopback, port), $"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n", readUntil: "\u0000");
        socket.Dispose();
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/plain; version=0.0.4", response, StringComparison.Ordinal);
        return response;
    }

    private static long Value(string text, string series)
    {
        var m = Regex.Match(text, $"^{series} (\\d+)(\\.0+)?$", RegexOptions.Multiline);
        Assert.True(m.Success, $"{series} is missing from: {text}");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^READY port=(\d+) ")]
    private static partial Regex ReadyLine();
}
