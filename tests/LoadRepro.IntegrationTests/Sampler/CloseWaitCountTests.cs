using System.Net.Sockets;
using LoadRepro.Core.Records;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.IntegrationTests.Sampler;

public sealed class CloseWaitCountTests
{
    [Fact]
    public async Task IgnorePeerFin_SamplerCloseWaitEqualsSs_ForQuiescentServer()
    {
        const int leaked = 40;
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin");
        for (var i = 0; i < leaked; i++)
        {
            var (socket, response) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port));
            Assert.Contains("200 OK", response, StringComparison.Ordinal);
            socket.Dispose();
        }

        var filter = $"( sport = :{server.Port} )";
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) == leaked, TimeSpan.FromSeconds(10)),
            $"ss never showed {leaked} CLOSE_WAIT sockets on port {server.Port}");

        var sample = new ProcessSampler(server.Pid, server.Port).Take(0, SamplePhase.Load);
        Assert.True(sample.Alive, "the server was not readable");
        Assert.Equal(await Ss.CountAsync("close-wait", filter), sample.Tcp.CloseWait);
        Assert.Equal(await Ss.CountAsync("listening", filter), sample.Tcp.Listen);
        Assert.True(sample.SocketFds >= leaked + 1, $"each CLOSE_WAIT socket holds a descriptor: {sample.SocketFds} socket descriptors for {leaked} leaked connections");
    }

    [Fact]
    public async Task NoBug_ServerClosesAfterPeerFin_NoCloseWaitLeft()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        for (var i = 0; i < 40; i++)
        {
            var (socket, _) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port));
            socket.Shutdown(SocketShutdown.Send);
            socket.Dispose();
        }

        var filter = $"( sport = :{server.Port} )";
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) == 0, TimeSpan.FromSeconds(10)));
        var sample = new ProcessSampler(server.Pid, server.Port).Take(0, SamplePhase.Load);
        Assert.Equal(0, sample.Tcp.CloseWait);
    }
}
