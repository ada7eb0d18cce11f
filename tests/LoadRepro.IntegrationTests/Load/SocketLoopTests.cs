using System.Net.Sockets;
using LoadRepro.Core.Scenarios;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Load.Metrics;

namespace LoadRepro.IntegrationTests.Load;

/// <summary>
/// The event loop that carries the closed model of <c>short</c> and <c>keep-alive</c>: what it does when servers misbehave
/// (close without saying, never answer, answer with an error), and that it allocates nothing per request in either model.
/// </summary>
public sealed class SocketLoopTests
{
    private static readonly byte[] Ok = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n"u8.ToArray();
    private static readonly byte[] Error = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 3\r\n\r\nno\n"u8.ToArray();

    [Fact]
    public async Task KeepAlive_ServerClosesAfterEachAnswerWithoutSaying_EveryRequestIsAnsweredOnANewConnection()
    {
        await using var server = new LoopbackListener((socket, ct) => AnswerOnceAsync(socket, Ok, ct));
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.KeepAlive) with { MaxRequests = 40 }, server.EndPoint);

        Assert.True(runner.Metrics.Failed == 0, Failures(runner.Metrics));
        Assert.Equal(40, runner.Metrics.Ok);
        Assert.Equal(40, runner.Metrics.ConnectionsOpened);
        Assert.Equal(40, server.Accepted);
    }

    [Fact]
    public async Task Short_ToAnIpv6Loopback_IsAnswered()
    {
        await using var server = new LoopbackListener((socket, ct) => AnswerOnceAsync(socket, Ok, ct), System.Net.IPAddress.IPv6Loopback);
        var runner = await InProcessLoad.RunAsync(Closed(ConnectionKind.Short) with { MaxRequests = 10 }, server.EndPoint);

        Assert.True(runner.Metrics.Failed == 0, Failures(runner.Metrics));
        Assert.Equal(10, runner.Metrics.Ok);
        Assert.Equal(10, server.Accepted);
    }

    [Theory]
    [InlineData(ConnectionKind.Short)]
    [InlineData(ConnectionKind.KeepAlive)]
    public async Task ServerThatNeverAnswers_EachRequestTimesOut(ConnectionKind connection)
    {
        await using var server = new LoopbackListener(static async (socket, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
        });
        var settings = Closed(connection) with { MaxRequests = 4, Timeout = TimeSpan.FromMilliseconds(300) };
        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        Assert.Equal(0, runner.Metrics.Ok);
        Assert.Equal(4, runner.Metrics.Failed);
        Assert.Equal(4, runner.Metrics.Errors[FailureKinds.Timeout]);
    }

    [Theory]
    [InlineData(ConnectionKind.Short)]
    [InlineData(ConnectionKind.KeepAlive)]
    public async Task ServerThatAnswers500_CountsBadResponses(ConnectionKind connection)
    {
        await using var server = new LoopbackListener((socket, ct) => AnswerOnceAsync(socket, Error, ct));
        var runner = await InProcessLoad.RunAsync(Closed(connection) with { MaxRequests = 10 }, server.EndPoint);

        Assert.Equal(0, runner.Metrics.Ok);
        Assert.Equal(10, runner.Metrics.Errors[FailureKinds.BadResponse]);
    }

    [Theory]
    [InlineData(LoadModelKind.Concurrency)]
    [InlineData(LoadModelKind.Rate)]
    public async Task KeepAlive_AllocatesNothingPerRequest(LoadModelKind model)
    {
        // Counted on the loop's thread, which starts every request, parses every answer and records every latency. What it
        // may allocate is each slot's read buffer (16 KiB, rented at its first answer) and less than a byte per request.
        await using var server = new CountingHttpServer();
        const int requests = 10_000, slots = 8;
        var settings = Closed(ConnectionKind.KeepAlive) with { Model = model, Rate = 5000, Concurrency = slots, MaxRequests = requests, Duration = TimeSpan.FromSeconds(20) };
        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        Assert.True(runner.Metrics.Failed == 0, Failures(runner.Metrics));
        Assert.Equal(requests, runner.Metrics.Ok);
        Assert.NotNull(runner.LoopAllocatedBytes);
        Assert.InRange(runner.LoopAllocatedBytes.Value, 0, (slots * 17 * 1024) + requests);
    }

    private static async Task AnswerOnceAsync(Socket socket, byte[] answer, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var matched = 0;
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
        {
            if (LoopbackListener.HeadsEnded(buffer.AsSpan(0, n), ref matched) > 0)
            {
                // Answers and closes, as a server that does not keep connections but never says so.
                await socket.SendAsync(answer, SocketFlags.None, ct);
                return;
            }
        }
    }

    private static LoadSettings Closed(ConnectionKind connection) => new()
    {
        Connection = connection,
        Model = LoadModelKind.Concurrency,
        Concurrency = 2,
        MaxRequests = 10,
        Duration = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static string Failures(LoadMetrics m) => $"failed {m.Failed}: {string.Join(", ", m.Errors.Select(e => $"{e.Key} {e.Value}"))}";
}
