using System.Net.Sockets;
using System.Text.Json;
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
    public async Task Forever_IdleConnectionsStayEstablished_AndNoIdleLimitIsInForce_WhereOnCloses130sIdleConnections(string stack)
    {
        await using var forever = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", "forever");
        await using var on = await TestServerProcess.StartAsync("--stack", stack, "--keep-alive", "on");
        var held = await HoldIdleAsync(forever, 20);
        try
        {
            // Kestrel given an infinite timeout closed idle connections within 3 s: forever must not.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(20, await Ss.CountAsync("established", $"( sport = :{forever.Port} )"));
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }

        // What 3 s of idling cannot show, since on waits 130 s: the limit each stack reads (Timeout2s shows it is the one enforced).
        var onLimits = await IdleLimitsAsync(on);
        var foreverLimits = await IdleLimitsAsync(forever);
        Assert.Equal<(double?, double)>((130, 130), onLimits);
        Assert.Null(foreverLimits.Raw);
        Assert.True(foreverLimits.Http >= TimeSpan.FromDays(3650).TotalSeconds, $"Kestrel's keep-alive timeout under forever is {foreverLimits.Http} s");
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
            Assert.Equal<(double?, double)>((2, 2), await IdleLimitsAsync(server));
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

    /// <summary>The idle limits the server's control endpoint reports for its raw and http stacks, in seconds; raw null for none.</summary>
    private static async Task<(double? Raw, double Http)> IdleLimitsAsync(TestServerProcess server)
    {
        using var control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Field("controlPort")}"), Timeout = TimeSpan.FromSeconds(5) };
        using var status = JsonDocument.Parse(await control.GetStringAsync(new Uri("/modes", UriKind.Relative)));
        var raw = status.RootElement.GetProperty("rawIdleTimeoutSeconds");
        return (raw.ValueKind == JsonValueKind.Null ? null : raw.GetDouble(), status.RootElement.GetProperty("httpIdleTimeoutSeconds").GetDouble());
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
