using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>The server's /metrics endpoint (prometheus-net), checked against /proc and ss for the same process.</summary>
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_CountLeakedConnectionsAndDescriptors_AsSsAndProcSeeThem()
    {
        var metricsPort = FreePort();
        var info = LoadReproCli.StartInfo(["server", "--port", "0", "--bug", "ignore-peer-fin", "--max-fds", "1024", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        info.Environment["LOADREPRO_METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        using var server = Process.Start(info)!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var ready = ReadyLine().Match(await server.StandardOutput.ReadLineAsync(cts.Token) ?? "");
            Assert.True(ready.Success, "no readiness line");
            var port = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.NotEqual(metricsPort, port);

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

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"^READY port=(\d+) ")]
    private static partial Regex ReadyLine();
}
