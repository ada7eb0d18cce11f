using System.Net;
using LoadRepro.Core.Records;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Sampler.Proc;
using LoadRepro.Sampler.Sampling;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.IntegrationTests.Sampler;

public sealed class TcpCountsTests
{
    private const int CloseWait = 30;
    private const int ServerTimeWait = 20;
    private const int ClientTimeWait = 12;
    private const int Established = 7;

    public static TheoryData<string, SocketSourceChoice> Cases { get; } = new()
    {
        { "127.0.0.1", SocketSourceChoice.Netlink },
        { "127.0.0.1", SocketSourceChoice.Proc },
        { "::1", SocketSourceChoice.Netlink },
        { "::1", SocketSourceChoice.Proc },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryStateOnEachSide_EqualsSs(string loopback, SocketSourceChoice source)
    {
        using var population = await SocketPopulation.CreateAsync(IPAddress.Parse(loopback), CloseWait, ServerTimeWait, ClientTimeWait, Established);
        var port = population.Port;
        var serverFilter = $"( sport = :{port} )";
        var clientFilter = $"( dport = :{port} )";

        // The closes settle asynchronously (the peer's ACK of a FIN is delayed): wait until ss sees the whole population.
        Assert.True(await Eventually.HoldsAsync(async () =>
                await Ss.CountAsync("close-wait", serverFilter) == CloseWait
                && await Ss.CountAsync("fin-wait-2", clientFilter) == CloseWait
                && await Ss.CountAsync("time-wait", serverFilter) == ServerTimeWait
                && await Ss.CountAsync("time-wait", clientFilter) == ClientTimeWait,
            TimeSpan.FromSeconds(10)), "ss never showed the population settled");

        using var sampler = new ProcessSampler(Environment.ProcessId, port, source);
        Assert.Equal(source == SocketSourceChoice.Netlink ? SocketSourceKind.Netlink : SocketSourceKind.Proc, sampler.Source);
        Sample sample = null!;
        bool IsThePopulation(Sample s) =>
            s.Tcp.CloseWait == CloseWait && s.Tcp.TimeWait == ServerTimeWait && s.Tcp.Established == Established && s.Tcp.Listen == 1
            && s.ClientTcp.FinWait2 == CloseWait && s.ClientTcp.TimeWait == ClientTimeWait && s.ClientTcp.Established == Established;

        // Retried for the same reason as the comparison with ss below: the table moves under every reader.
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(IsThePopulation(sample = sampler.Take(0, SamplePhase.Load))), TimeSpan.FromSeconds(10)),
            $"the sampler never counted the population: {sample}");
        Assert.True(sample.Alive);
        Assert.Equal(CloseWait, sample.Tcp.CloseWait);
        Assert.Equal(ServerTimeWait, sample.Tcp.TimeWait);
        Assert.Equal(Established, sample.Tcp.Established);
        Assert.Equal(1, sample.Tcp.Listen);
        Assert.Equal(ClientTimeWait, sample.ClientTcp.TimeWait);
        Assert.Equal(Established, sample.ClientTcp.Established);

        // The client side of each leaked connection closed first and was orphaned: the kernel turned it into a TIME_WAIT
        // minisocket with FIN_WAIT2 as its substate, and both ss and the sampler report it as FIN_WAIT2.
        Assert.Equal(CloseWait, sample.ClientTcp.FinWait2);

        // Every state, each side, against ss. Other processes on this machine open and close sockets all the time, and a
        // reader of the socket table (ss, /proc, netlink) that resumes by position can see one of them twice or not at all
        // while the table moves: so a mismatch is retried with a fresh sample, and only a persistent one fails.
        var mismatch = "";
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            mismatch = await MismatchWithSsAsync(sampler.Take(0, SamplePhase.Load), serverFilter, clientFilter);
            return mismatch.Length == 0;
        }, TimeSpan.FromSeconds(10)), mismatch);
    }

    private static async Task<string> MismatchWithSsAsync(Sample sample, string serverFilter, string clientFilter)
    {
        var server = sample.Tcp.ToKernelOrder();
        var client = sample.ClientTcp.ToKernelOrder();
        for (var i = 0; i < Ss.States.Count; i++)
        {
            var ssServer = await Ss.CountAsync(Ss.States[i], serverFilter);
            var ssClient = await Ss.CountAsync(Ss.States[i], clientFilter);
            if (ssServer != server[i] || ssClient != client[i])
            {
                return $"{Ss.States[i]}: server side sampler {server[i]}, ss {ssServer}; client side sampler {client[i]}, ss {ssClient}";
            }
        }

        return "";
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OwnedSockets_AreThoseInTheDescriptorTable_EqualSsProcessColumn(string loopback, SocketSourceChoice source)
    {
        using var population = await SocketPopulation.CreateAsync(IPAddress.Parse(loopback), CloseWait, ServerTimeWait, ClientTimeWait, Established);
        var pid = Environment.ProcessId;
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountOwnedAsync("close-wait", pid) >= CloseWait, TimeSpan.FromSeconds(10)));

        using var sampler = new ProcessSampler(pid, population.Port, source);
        var owned = sampler.Take(0, SamplePhase.Load).OwnedTcp;

        // TIME_WAIT and orphaned FIN_WAIT2 have no descriptor: never owned, although this process made them.
        Assert.Equal(0, owned.TimeWait);
        Assert.Equal(0, owned.FinWait2);
        Assert.True(owned.CloseWait >= CloseWait);
        Assert.True(owned.Established >= 2 * Established);
        Assert.Equal(await Ss.CountOwnedAsync("close-wait", pid), owned.CloseWait);
        Assert.Equal(await Ss.CountOwnedAsync("established", pid), owned.Established);
        Assert.Equal(await Ss.CountOwnedAsync("listening", pid), owned.Listen);
    }

    [Fact]
    public async Task Netlink_CountsThePortAndTheOwnedSocketsInOneWalk()
    {
        using var population = await SocketPopulation.CreateAsync(IPAddress.Loopback, CloseWait, ServerTimeWait, ClientTimeWait, Established);
        var pid = Environment.ProcessId;
        var serverFilter = $"( sport = :{population.Port} )";
        Assert.True(await Eventually.HoldsAsync(async () =>
                await Ss.CountAsync("time-wait", serverFilter) == ServerTimeWait && await Ss.CountOwnedAsync("close-wait", pid) >= CloseWait,
            TimeSpan.FromSeconds(10)), "ss never showed the population settled");

        using var diag = SockDiagTcp.TryOpen(pid, out var reason);
        Assert.True(diag is not null, reason);
        var inodes = new HashSet<ulong>();
        Assert.True(new FdTable(pid).TryCount(out _, inodes));
        var tally = new TcpTally();
        Assert.True(diag.TryCount(population.Port, inodes, tally));

        // One walk of the kernel's table gave both the port's sockets (TIME_WAIT included) and the ownership by inode.
        Assert.Equal(1, diag.LastCountWalks);
        Assert.Equal(ServerTimeWait, tally.ServerSide().TimeWait);
        Assert.Equal(CloseWait, tally.ServerSide().CloseWait);
        Assert.Equal(CloseWait, tally.ClientSide().FinWait2);
        Assert.Equal(0, tally.Owned().TimeWait);
        Assert.Equal(await Ss.CountOwnedAsync("close-wait", pid), tally.Owned().CloseWait);
        Assert.Equal(await Ss.CountOwnedAsync("listening", pid), tally.Owned().Listen);
    }

    [Fact]
    public async Task Sockstat_TimeWait_CountsAtLeastThePopulationsMinisockets()
    {
        using var population = await SocketPopulation.CreateAsync(IPAddress.Loopback, CloseWait, ServerTimeWait, ClientTimeWait, 0);
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("fin-wait-2", $"( dport = :{population.Port} )") == CloseWait, TimeSpan.FromSeconds(10)));
        using var sampler = new ProcessSampler(Environment.ProcessId, population.Port);
        var sample = sampler.Take(0, SamplePhase.Load);

        // sockstat's tw counts every minisocket of the namespace: real TIME_WAIT and orphaned FIN_WAIT2 alike.
        Assert.True(sample.Sockstat.TimeWait >= CloseWait + ServerTimeWait + ClientTimeWait, $"sockstat tw {sample.Sockstat.TimeWait}");
        Assert.True(sample.Sockstat.InUse >= CloseWait + 1, $"sockstat inuse {sample.Sockstat.InUse}");
        Assert.True(sample.Sockstat.Alloc >= sample.Sockstat.InUse);
    }
}
