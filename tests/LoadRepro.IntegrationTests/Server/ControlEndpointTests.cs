using System.Net;
using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>The control endpoint: modes and counters as JSON, runtime switching ("fix deployed"), bad values refused.</summary>
public sealed class ControlEndpointTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SwitchingIgnorePeerFinOff_ReleasesHeldConnections_AndIsLogged()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "server.log");
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--log-file", log);
        using var control = ControlClient(server);
        var filter = $"( sport = :{server.Port} )";
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 50);
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) >= 48, Settle), "the bug did not hold the connections");

        using var switched = await control.PostAsync(new Uri("/modes?bug=none", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        using (var status = JsonDocument.Parse(await switched.Content.ReadAsStringAsync()))
        {
            Assert.Equal("none", status.RootElement.GetProperty("bug").GetString());
            Assert.Equal(0, status.RootElement.GetProperty("heldConnections").GetInt64());
        }

        var left = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (left = await Ss.CountAsync("close-wait", filter)) == 0, Settle),
            $"{left} CLOSE_WAIT left after the fix was deployed at runtime");
        await SocketDriver.ShortConnectionsAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 20);
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) <= 2, Settle), "new connections still leak after the switch");

        var change = Assert.Single(await EventuallyEventsAsync(log, "ModeChanged"));
        Assert.Equal("ignore-peer-fin", change.GetProperty("OldBug").GetString());
        Assert.Equal("none", change.GetProperty("Bug").GetString());
        Assert.True(change.GetProperty("Released").GetInt32() >= 48);

        // The periodic census: open connections by stack, with the modes in force.
        var census = (await EventuallyEventsAsync(log, "OpenConnections", TimeSpan.FromSeconds(7)))[^1];
        Assert.Equal("none", census.GetProperty("Bug").GetString());
        Assert.Equal(0, census.GetProperty("RawOpen").GetInt64());
    }

    [Fact]
    public async Task SwitchingKeepAliveOff_NextAnswerClosesTheConnection()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        using var control = ControlClient(server);
        using var before = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 2);

        using var switched = await control.PostAsync(new Uri("/modes?keepAlive=off", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);

        var (socket, response) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port), readUntil: "\0never");
        socket.Dispose();
        Assert.Contains("Connection: close", response, StringComparison.Ordinal);
        using var status = JsonDocument.Parse(await control.GetStringAsync(new Uri("/modes", UriKind.Relative)));
        Assert.Equal("off", status.RootElement.GetProperty("keepAlive").GetString());
    }

    [Fact]
    public async Task GetModes_ReportsModesPortsAndCounters()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "leak-file", "--keep-alive", "timeout=5s");
        using var control = ControlClient(server);
        using var connection = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 3);

        using var status = JsonDocument.Parse(await control.GetStringAsync(new Uri("/modes", UriKind.Relative)));
        var root = status.RootElement;
        Assert.Equal("leak-file", root.GetProperty("bug").GetString());
        Assert.Equal("timeout=5s", root.GetProperty("keepAlive").GetString());
        Assert.Equal("http", root.GetProperty("stack").GetString());
        Assert.Equal(server.Port, root.GetProperty("ports").GetProperty("http").GetInt32());
        Assert.Equal(server.Field("rawPort"), root.GetProperty("ports").GetProperty("raw").GetInt32());
        Assert.Equal(3, root.GetProperty("leakedFiles").GetInt64());
        Assert.Equal(3, root.GetProperty("requests").GetProperty("http").GetInt64());
        Assert.Equal(1, root.GetProperty("openConnections").GetProperty("http").GetInt64());
    }

    [Theory]
    [InlineData("/modes?bug=explode", "is not a bug mode")]
    [InlineData("/modes?keepAlive=sometimes", "is not a keep-alive mode")]
    [InlineData("/modes", "nothing to switch")]
    public async Task BadSwitch_Refused400_ModesUnchanged(string path, string why)
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin");
        using var control = ControlClient(server);

        using var refused = await control.PostAsync(new Uri(path, UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(why, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var status = JsonDocument.Parse(await control.GetStringAsync(new Uri("/modes", UriKind.Relative)));
        Assert.Equal("ignore-peer-fin", status.RootElement.GetProperty("bug").GetString());
    }

    private static HttpClient ControlClient(TestServerProcess server) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{server.Field("controlPort")}"), Timeout = TimeSpan.FromSeconds(5) };

    private static async Task<IReadOnlyList<JsonElement>> EventuallyEventsAsync(string log, string eventName, TimeSpan? timeout = null)
    {
        IReadOnlyList<JsonElement> found = [];
        Assert.True(
            await Eventually.HoldsAsync(() => Task.FromResult((found = ServerLog.Events(log, eventName)).Count > 0), timeout ?? Settle),
            $"no {eventName} event in the server's log");
        return found;
    }
}
