using System.Net;
using System.Net.Sockets;
using LoadRepro.Core.Records;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Sampler.Sampling;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.IntegrationTests.Sampler;

/// <summary>The sampler's walk budget on a real process and port: a walk dearer than the budget allows is not made again at once.</summary>
public sealed class WalkBudgetSamplingTests
{
    [Fact]
    public async Task AWalkOverTheBudget_LaterSamplesCarryItsCounts_WhileTheDescriptorsStayCurrent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // A budget so small that any walk's cost puts the next one hours away.
        using var sampler = new ProcessSampler(Environment.ProcessId, port, SocketSourceChoice.Netlink, walkShare: 1e-9);
        var first = sampler.Take(0, SamplePhase.Load);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var accepted = await listener.AcceptSocketAsync();
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("established", $"( sport = :{port} )") == 1, TimeSpan.FromSeconds(5)));
        var second = sampler.Take(0.1, SamplePhase.Load);

        Assert.False(first.TcpCarried);
        Assert.Equal(0, first.Tcp.Established);
        Assert.True(second.TcpCarried);
        Assert.Equal(first.Tcp, second.Tcp);
        Assert.Equal(first.ClientTcp, second.ClientTcp);
        Assert.Equal(first.OwnedTcp, second.OwnedTcp);
        Assert.True(second.SocketFds >= first.SocketFds + 2, $"socket descriptors {first.SocketFds} then {second.SocketFds}");

        // A new sampler's first sample always walks, and sees the connection.
        using var budgeted = new ProcessSampler(Environment.ProcessId, port, SocketSourceChoice.Netlink);
        var walked = budgeted.Take(0, SamplePhase.Load);
        Assert.False(walked.TcpCarried);
        Assert.Equal(1, walked.Tcp.Established);
    }
}
