using System.Globalization;
using System.Net;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Agent;

/// <summary><c>loadrepro agent</c> against the real test server, its figures checked with ss and /proc.</summary>
public sealed class AgentTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Metrics_CountTheLeakAsSsAndProcSeeIt_ForTheProcessListeningOnThePort()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--max-fds", "1024");
        await using var agent = await AgentProcess.StartAsync("--target-port", Port(server.Port));
        const int Leaks = 7;
        for (var i = 0; i < Leaks; i++)
        {
            var (socket, _) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port));
            socket.Dispose();
        }

        var closeWait = $"loadrepro_tcp_sockets{{port=\"{server.Port}\",side=\"server\",state=\"CLOSE_WAIT\"}}";
        var filter = $"( sport = :{server.Port} )";
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", filter) == Leaks, Settle), "ss does not see the leak");
        Assert.True(await Eventually.HoldsAsync(async () => await agent.MetricAsync(closeWait) == Leaks, Settle), $"the agent's {closeWait} is not {Leaks}");

        var pid = Port(server.Pid);
        Assert.Equal(ProcFds.SoftLimit(server.Pid), await agent.MetricAsync($"loadrepro_target_max_fds{{pid=\"{pid}\"}}"));
        Assert.Equal(1, await agent.MetricAsync("loadrepro_target_up"));
        var sockets = await agent.MetricAsync($"loadrepro_target_open_fds{{pid=\"{pid}\",kind=\"socket\"}}");
        Assert.InRange(sockets!.Value, ProcFds.Sockets(server.Pid) - 2, ProcFds.Sockets(server.Pid) + 2);
        double total = 0;
        foreach (var kind in new[] { "socket", "file", "pipe", "anon_inode", "other" })
        {
            total += await agent.MetricAsync($"loadrepro_target_open_fds{{pid=\"{pid}\",kind=\"{kind}\"}}") ?? double.NaN;
        }

        Assert.InRange(total, ProcFds.Count(server.Pid) - 5, ProcFds.Count(server.Pid) + 5);
    }

    [Fact]
    public async Task Samples_ArePulledInOrderAfterTheLastSeen_WithTheAgentsClock()
    {
        await using var server = await TestServerProcess.StartAsync();
        await using var agent = await AgentProcess.StartAsync("--target-port", Port(server.Port), "--interval", "50ms");
        Assert.True(await Eventually.HoldsAsync(async () => (await agent.SamplesAsync(0)).GetProperty("samples").GetArrayLength() >= 5, Settle), "fewer than 5 samples");

        var page = await agent.SamplesAsync(3);
        var seqs = page.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(4, seqs[0]);
        Assert.Equal(Enumerable.Range(4, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal([server.Pid], page.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(server.Port, page.GetProperty("port").GetInt32());
        var first = page.GetProperty("samples")[0].GetProperty("sample");
        Assert.Equal(1, first.GetProperty("tcp").GetProperty("listen").GetInt32());
        Assert.InRange(page.GetProperty("nowUnixMs").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), -5_000, 5_000);
    }

    [Fact]
    public async Task ARestartedServer_IsFoundAgainByItsPort()
    {
        var first = await TestServerProcess.StartAsync();
        var (port, firstPid) = (first.Port, first.Pid);
        await using var agent = await AgentProcess.StartAsync("--target-port", Port(port));
        Assert.True(await Eventually.HoldsAsync(async () => await agent.MetricAsync("loadrepro_target_up") == 1, Settle), "the agent does not see the server");
        await first.DisposeAsync();
        Assert.True(await Eventually.HoldsAsync(async () => await agent.MetricAsync("loadrepro_target_up") == 0, Settle), "the agent still sees a server that is gone");

        await using var second = await TestServerProcess.StartOnPortAsync(port);
        Assert.True(await Eventually.HoldsAsync(async () => await agent.MetricAsync($"loadrepro_target_max_fds{{pid=\"{Port(second.Pid)}\"}}") is not null, Settle), "the agent did not find the new server");
        Assert.Null(await agent.MetricAsync($"loadrepro_target_max_fds{{pid=\"{Port(firstPid)}\"}}"));
        Assert.Equal(1, await agent.MetricAsync("loadrepro_target_up"));
    }

    [Fact]
    public async Task WithAToken_ARequestWithoutItGets401AndNothingElse()
    {
        await using var server = await TestServerProcess.StartAsync();
        await using var agent = await AgentProcess.StartAsync("--target-port", Port(server.Port), "--token", "s3cret-token");
        foreach (var token in new[] { null, "wrong", "s3cret-tokenX", "s3cret-toke" })
        {
            using var refused = await agent.GetAsync("/metrics", token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        }

        using var samples = await agent.GetAsync("/samples?after=0");
        Assert.Equal(HttpStatusCode.Unauthorized, samples.StatusCode);
        using var admitted = await agent.GetAsync("/metrics", "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains("loadrepro_target_up", await admitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no target", new[] { "agent", "--listen", "127.0.0.1:0" }, "give --target-port")]
    [InlineData("remote without --allow-remote", new[] { "agent", "--listen", "0.0.0.0:0", "--target-port", "1" }, "not a loopback address")]
    [InlineData("remote without a token", new[] { "agent", "--listen", "0.0.0.0:0", "--target-port", "1", "--allow-remote" }, "needs a token")]
    [InlineData("not ADDR:PORT", new[] { "agent", "--listen", "localhost", "--target-port", "1" }, "is not ADDR:PORT")]
    [InlineData("no such process", new[] { "agent", "--listen", "127.0.0.1:0", "--pid", "999999999" }, "no process with PID")]
    public async Task BadInput_OneLineAndExit2(string why, string[] args, string expected)
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(30), args);
        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}: {result.Stderr}");
        Assert.Single(result.StderrLines);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    private static string Port(int n) => n.ToString(CultureInfo.InvariantCulture);
}
