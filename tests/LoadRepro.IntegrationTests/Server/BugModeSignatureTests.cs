using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Each bug mode leaves its own socket-state and descriptor signature, read with ss and /proc.</summary>
public sealed class BugModeSignatureTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task IgnorePeerFin_200ShortConnections_LeaveAtLeast195CloseWait()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin");
        Assert.Equal("raw", StackOf(server));
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 200);

        var filter = $"( sport = :{server.Port} )";
        var held = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (held = await Ss.CountAsync("close-wait", filter)) >= 195, Settle),
            $"{held} CLOSE_WAIT sockets on the server's port after 200 short connections; expected at least 195");
    }

    [Fact]
    public async Task IgnorePeerFin_OnABugPath_LeavesCloseWaitOnTheConnectionsThatStartedThereOnly()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--bug-path", "/upload");
        var upload = $"POST /upload?id=1 HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\nContent-Length: 2\r\n\r\nab";
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port, "/health"), 60);
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, upload, 20);

        // A connection is judged by its first request: a health check, then an upload on it, still closes.
        using (var first = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port, "/health"), 1))
        {
            await first.SendAsync(System.Text.Encoding.ASCII.GetBytes(upload), System.Net.Sockets.SocketFlags.None);
            var answer = new byte[256];
            Assert.True(await first.ReceiveAsync(answer, System.Net.Sockets.SocketFlags.None) > 0);
        }

        var filter = $"( sport = :{server.Port} )";
        var held = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (held = await Ss.CountAsync("close-wait", filter)) == 20, Settle),
            $"{held} CLOSE_WAIT sockets on the server's port after 20 upload and 61 other connections; expected the uploads' 20");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(20, await Ss.CountAsync("close-wait", filter));
    }

    [Fact]
    public async Task NoBug_200ShortConnections_LeaveAtMost2CloseWait()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 200);

        var filter = $"( sport = :{server.Port} )";
        var left = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (left = await Ss.CountAsync("close-wait", filter)) <= 2, Settle),
            $"{left} CLOSE_WAIT sockets left with the bug off; expected at most 2");
    }

    [Fact]
    public async Task LeakFile_DescriptorsGrowBy190_SocketsFlat()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "leak-file");
        Assert.Equal("http", StackOf(server));
        using var warm = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 1);
        var fdsBefore = ProcFds.Count(server.Pid);
        var socketsBefore = ProcFds.Sockets(server.Pid);

        using var connection = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 200);

        var fdGrowth = ProcFds.Count(server.Pid) - fdsBefore;
        var socketGrowth = ProcFds.Sockets(server.Pid) - socketsBefore;
        Assert.True(fdGrowth >= 190, $"descriptors grew by {fdGrowth} over 200 requests; expected at least 190");
        Assert.True(socketGrowth <= 3, $"socket descriptors grew by {socketGrowth}; a file leak must not grow sockets");
    }

    [Fact]
    public async Task SlowClose_CloseWaitDrainsWithinDelayPlus2Seconds()
    {
        var delay = TimeSpan.FromSeconds(2);
        await using var server = await TestServerProcess.StartAsync("--bug", "slow-close", "--slow-close", "2s");
        Assert.Equal("raw", StackOf(server));
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 50);
        var loadEnd = DateTime.UtcNow;

        var filter = $"( sport = :{server.Port} )";
        var plateau = await Ss.CountAsync("close-wait", filter);
        Assert.True(plateau >= 45, $"{plateau} CLOSE_WAIT right after the load; slow-close should hold about 50 for {delay.TotalSeconds} s");
        var left = plateau;
        Assert.True(
            await Eventually.HoldsAsync(async () => (left = await Ss.CountAsync("close-wait", filter)) == 0, delay + TimeSpan.FromSeconds(2) - (DateTime.UtcNow - loadEnd)),
            $"{left} CLOSE_WAIT still there {delay.TotalSeconds + 2} s after the load");
    }

    [Fact]
    public async Task OutboundPerRequest_LeavesTimeWaitTowardTheOutboundEndpoint()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "outbound-per-request");
        Assert.Equal("http", StackOf(server));
        var outbound = server.Field("outboundPort");
        using var connection = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 50);

        var tw = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (tw = await Ss.CountAsync("time-wait", $"( dport = :{outbound} )")) >= 45, Settle),
            $"{tw} TIME_WAIT sockets toward the outbound endpoint after 50 requests; expected at least 45 (one new client each)");
        Assert.Equal(0, await Ss.CountAsync("time-wait", $"( sport = :{server.Port} )"));
    }

    [Fact]
    public async Task HangHandler_AbandonedRequestsKeepTheirDownstreamConnections()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "hang-handler");
        Assert.Equal("http", StackOf(server));
        var downstream = $"( dport = :{server.Field("downstreamPort")} )";
        var fdsBefore = ProcFds.Count(server.Pid);

        await SocketDriver.AbandonAsync(server.EndPoint, Hang(server.Port), 50, TimeSpan.FromMilliseconds(500));

        var held = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (held = await Ss.CountAsync("established", downstream)) >= 50, Settle),
            $"{held} downstream connections held after 50 abandoned /hang requests; expected 50 (the handlers ignore RequestAborted)");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await Ss.CountAsync("established", downstream) >= 50, "the hung handlers let go of their downstream connections");
        var fdGrowth = ProcFds.Count(server.Pid) - fdsBefore;
        Assert.True(fdGrowth >= 100, $"descriptors grew by {fdGrowth}; each hung request holds two (its outbound socket and the downstream's)");
    }

    [Fact]
    public async Task HangFixed_HonoursRequestAbortedAndTimesOutWith504()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none", "--stack", "http");
        var downstream = $"( dport = :{server.Field("downstreamPort")} )";

        await SocketDriver.AbandonAsync(server.EndPoint, Hang(server.Port), 50, TimeSpan.FromMilliseconds(100));
        var (socket, response) = await PlainHttpClient.RequestAsync(server.EndPoint, Hang(server.Port), "\r\n\r\n");
        socket.Dispose();

        Assert.Contains(" 504 ", response, StringComparison.Ordinal);
        var held = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (held = await Ss.CountAsync("established", downstream)) == 0, Settle),
            $"{held} downstream connections still held by the fixed handler");
    }

    private static string Hang(int port) => PlainHttpClient.Get(port, "/hang");

    private static string StackOf(TestServerProcess server) =>
        server.Readiness.Split(' ').Single(p => p.StartsWith("stack=", StringComparison.Ordinal))["stack=".Length..];
}
