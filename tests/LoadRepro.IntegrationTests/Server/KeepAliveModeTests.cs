using System.Net.Sockets;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Keep-alive modes on both stacks: who closes first, and what idle connections become.</summary>
public sealed class KeepAliveModeTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("raw", "off")]
    [InlineData("http", "off")]
    [InlineData("raw", "on")]
    [InlineData("http", "on")]
    public async Task Http10WithoutKeepAlive_ServerClosesFirst_TimeWaitOnServersPortNotClients(string stack, string keepAlive)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", keepAlive);
        for (var i = 0; i < 50; i++)
        {
            var (socket, response) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port, version: "1.0"), readUntil: "\0never");
            using (socket)
            {
                Assert.Contains(" 200 OK", response, StringComparison.Ordinal);
                Assert.EndsWith("ok\n", response, StringComparison.Ordinal);
            }
        }

        var serverSide = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (serverSide = await Ss.CountAsync("time-wait", $"( sport = :{server.Port} )")) >= 45, Settle),
            $"{serverSide} TIME_WAIT on the server's port after 50 HTTP/1.0 requests; the server closes first, so expected at least 45");
        Assert.Equal(0, await Ss.CountAsync("time-wait", $"( dport = :{server.Port} )"));
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("http")]
    public async Task Forever_IdleConnectionsStayEstablished(string stack)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", "forever");
        var held = await HoldIdleAsync(server, 20);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(20, await Ss.CountAsync("established", $"( sport = :{server.Port} )"));
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("http")]
    public async Task Timeout2s_IdleConnectionsReclaimedByTheServer(string stack)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", "timeout=2s");
        var held = await HoldIdleAsync(server, 20);
        try
        {
            var left = 20;
            Assert.True(
                await Eventually.HoldsAsync(async () => (left = await Ss.CountAsync("established", $"( sport = :{server.Port} )")) == 0, TimeSpan.FromSeconds(4.5)),
                $"{left} idle connections still ESTABLISHED 4.5 s into a 2 s idle timeout");
            Assert.NotNull(await SocketDriver.ReadToCloseAsync(held[0], TimeSpan.FromSeconds(1)));
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("http")]
    public async Task MaxRequests3_ServerClosesAfterTheThirdRequest(string stack)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", "max-requests=3");
        using var socket = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 3);

        var rest = await SocketDriver.ReadToCloseAsync(socket, TimeSpan.FromSeconds(3));
        Assert.NotNull(rest);
        Assert.Equal("", rest);
    }

    private static async Task<List<Socket>> HoldIdleAsync(TestServerProcess server, int count)
    {
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                held.Add(await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 1));
            }
        }
        catch
        {
            held.ForEach(s => s.Dispose());
            throw;
        }

        Assert.Equal(count, await Ss.CountAsync("established", $"( sport = :{server.Port} )"));
        return held;
    }
}
