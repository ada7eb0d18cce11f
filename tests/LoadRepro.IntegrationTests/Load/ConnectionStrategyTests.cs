using LoadRepro.Core.Scenarios;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Load.Metrics;

namespace LoadRepro.IntegrationTests.Load;

/// <summary>Each connection strategy against the real test server, with <c>ss</c> as the oracle of its socket signature.</summary>
public sealed class ConnectionStrategyTests
{
    private const int Requests = 200;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Short_Http11_ClientClosesFirst_LeavesTimeWaitOnTheClientSide()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.Short), server.EndPoint);

        AssertAllOk(runner.Metrics, Requests, connections: Requests);
        Assert.True(await Eventually.HoldsAsync(async () => await ClientTimeWait(server.Port) >= Requests * 0.95, Settle), $"client TIME_WAIT {await ClientTimeWait(server.Port)}");
        Assert.Equal(0, await ServerTimeWait(server.Port));
    }

    [Fact]
    public async Task Short_Http10_ServerClosesFirst_LeavesTimeWaitOnTheServerSide()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "off");
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.Short) with { Http = "1.0" }, server.EndPoint);

        AssertAllOk(runner.Metrics, Requests, connections: Requests);
        Assert.True(await Eventually.HoldsAsync(async () => await ServerTimeWait(server.Port) >= Requests * 0.95, Settle), $"server TIME_WAIT {await ServerTimeWait(server.Port)}");
        Assert.Equal(0, await ClientTimeWait(server.Port));
    }

    [Fact]
    public async Task Rst_AbortiveClose_LeavesNoTimeWaitOnEitherSide()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.Rst), server.EndPoint);

        AssertAllOk(runner.Metrics, Requests, connections: Requests);
        await Task.Delay(500);
        Assert.Equal(0, await ClientTimeWait(server.Port));
        Assert.Equal(0, await ServerTimeWait(server.Port));
    }

    [Fact]
    public async Task HalfClose_GetsItsAnswer_AndLeavesTimeWaitOnTheClientSide()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.HalfClose), server.EndPoint);

        AssertAllOk(runner.Metrics, Requests, connections: Requests);
        Assert.True(await Eventually.HoldsAsync(async () => await ClientTimeWait(server.Port) >= Requests * 0.95, Settle), $"client TIME_WAIT {await ClientTimeWait(server.Port)}");
    }

    [Fact]
    public async Task HalfClose_SendsItsFinBeforeTheAnswer_TheServerReadsEndOfStreamBeforeItAnswers()
    {
        // The test's own server holds each answer until it reads the client's FIN (or 2 s pass): a plain short connection,
        // which closes only after its answer, would be answered after 2 s with no end of stream seen.
        await using var server = new EndOfStreamHttpServer(finWait: TimeSpan.FromSeconds(2));
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.HalfClose) with { MaxRequests = 40 }, server.EndPoint);

        AssertAllOk(runner.Metrics, 40, connections: 40);
        Assert.Equal(40, server.Answered);
        Assert.True(server.EndOfStreamBeforeAnswer == 40, $"the server read the client's end of stream before answering on {server.EndOfStreamBeforeAnswer} of 40 connections");
    }

    [Fact]
    public async Task Abandon_ClosesBeforeTheAnswer_LeavingCloseWaitOnABusyServer()
    {
        // The raw handler sleeps 4 s on /delay/4000 without reading, so each abandoned connection sits in CLOSE_WAIT
        // on the server until the sleep ends: the signature of a handler that does not notice the client left.
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        var settings = Closed(ConnectionKind.Abandon) with { Concurrency = 20, MaxRequests = 20, Path = "/delay/4000", AbandonAfter = TimeSpan.FromMilliseconds(200) };
        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        Assert.Equal(20, runner.Metrics.Failed);
        Assert.Equal(20, runner.Metrics.Errors[FailureKinds.Timeout]);
        Assert.Equal(0, runner.Metrics.Ok);
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("close-wait", $"( sport = :{server.Port} )") == 20, TimeSpan.FromSeconds(2)),
            $"server CLOSE_WAIT {await Ss.CountAsync("close-wait", $"( sport = :{server.Port} )")}");
    }

    [Fact]
    public async Task IdleHold_KeepsEachConnectionEstablished_PastTheLoad_UntilTheHoldEnds()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        var settings = Closed(ConnectionKind.IdleHold) with { Concurrency = 30, Hold = TimeSpan.FromSeconds(3) };
        await using var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        AssertAllOk(runner.Metrics, 30, connections: 30);
        Assert.Equal(30, runner.HeldConnections);
        Assert.Equal(30, await Ss.CountAsync("established", $"( sport = :{server.Port} )"));
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("established", $"( sport = :{server.Port} )") == 0, TimeSpan.FromSeconds(8)),
            "the held connections were not closed when their hold ended");
        Assert.Equal(0, runner.HeldConnections);
    }

    [Fact]
    public async Task IdleHold_EndOfTheRun_ClosesEveryConnectionStillHeld()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "forever");
        var settings = Closed(ConnectionKind.IdleHold) with { Concurrency = 20, Hold = TimeSpan.FromMinutes(5) };
        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);
        Assert.Equal(20, await Ss.CountAsync("established", $"( sport = :{server.Port} )"));

        await runner.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, runner.HeldConnections);
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountAsync("established", $"( sport = :{server.Port} )") == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task KeepAlive_Pipelined_ServesEveryRequestOnThePoolsConnections()
    {
        await using var server = new CountingHttpServer();
        var settings = Closed(ConnectionKind.KeepAlive) with { Concurrency = 4, Pipeline = 8, MaxRequests = 4000 };
        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        AssertAllOk(runner.Metrics, 4000, connections: 4);
        Assert.Equal(4000, server.Requests);
        Assert.Equal(4, server.Connections);
    }

    [Fact]
    public async Task KeepAlive_AgainstAServerThatCloses_OpensANewConnectionPerRequest()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "off");
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.KeepAlive), server.EndPoint);

        AssertAllOk(runner.Metrics, Requests, connections: Requests);
        Assert.True(await Eventually.HoldsAsync(async () => await ServerTimeWait(server.Port) >= Requests * 0.95, Settle), $"server TIME_WAIT {await ServerTimeWait(server.Port)}");
    }

    [Fact]
    public async Task HttpClientPerRequest_LeavesATimeWaitPerRequest_WhereASharedClientLeavesAlmostNone()
    {
        await using var perRequestServer = await TestServerProcess.StartAsync("--keep-alive", "on");
        await using var sharedServer = await TestServerProcess.StartAsync("--keep-alive", "on");
        var perRequest = await InProcessLoad.RunAsync(Closed(ConnectionKind.HttpClientPerRequest), perRequestServer.EndPoint);
        var shared = await InProcessLoad.RunAsync(Closed(ConnectionKind.HttpClientShared), sharedServer.EndPoint);

        AssertAllOk(perRequest.Metrics, Requests, connections: Requests);
        Assert.Equal(Requests, shared.Metrics.Ok);
        Assert.InRange(shared.Metrics.ConnectionsOpened, 1, 4);
        Assert.True(await Eventually.HoldsAsync(async () => await ClientTimeWait(perRequestServer.Port) >= Requests * 0.95, Settle),
            $"per-request client TIME_WAIT {await ClientTimeWait(perRequestServer.Port)}");
        Assert.InRange(await ClientTimeWait(sharedServer.Port), 0, 4);
    }

    [Fact]
    public async Task ConnectionRefused_IsCountedAsEconnrefused()
    {
        // A port just released by a listener of ours: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var endPoint = (System.Net.IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.Short) with { MaxRequests = 20 }, endPoint);

        Assert.Equal(20, runner.Metrics.Failed);
        Assert.Equal(20, runner.Metrics.Errors["ECONNREFUSED"]);
    }

    private static LoadSettings Closed(ConnectionKind connection) => new()
    {
        Connection = connection,
        Model = LoadModelKind.Concurrency,
        Concurrency = 4,
        MaxRequests = Requests,
        Duration = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static void AssertAllOk(LoadMetrics m, long requests, long connections)
    {
        Assert.True(m.Failed == 0, $"failed {m.Failed}: {string.Join(", ", m.Errors.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(requests, m.Ok);
        Assert.Equal(requests, m.Started);
        Assert.Equal(connections, m.ConnectionsOpened);
    }

    private static Task<int> ClientTimeWait(int port) => Ss.CountAsync("time-wait", $"( dport = :{port} )");

    private static Task<int> ServerTimeWait(int port) => Ss.CountAsync("time-wait", $"( sport = :{port} )");
}
