using System.Text;
using LoadRepro.Core.Scenarios;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Load;

/// <summary>
/// Request shapes and mixes over real sockets, on every kind of connection that sends requests; the oracle is the test's
/// own server, which counts and keeps what arrived (RecordingHttpServer), not the client's counters.
/// </summary>
public sealed class RequestShapeTests
{
    private static readonly byte[] UploadBody = Encoding.UTF8.GetBytes("""{"file":"report.pdf","size":48213}""");

    public static TheoryData<ConnectionKind> Senders => new()
    {
        ConnectionKind.Short, ConnectionKind.KeepAlive, ConnectionKind.HalfClose, ConnectionKind.Rst, ConnectionKind.HttpClientPerRequest, ConnectionKind.HttpClientShared,
    };

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task NineToOneMix_ReachesEachPathInItsShare_CountedByTheServer(ConnectionKind connection)
    {
        await using var server = new RecordingHttpServer();
        var settings = Settings(connection) with
        {
            Requests = [new RequestSpec { Path = "/health", Weight = 9 }, new RequestSpec { Method = "POST", Path = "/upload", Weight = 1, Body = UploadBody }],
        };

        var runner = await InProcessLoad.RunAsync(settings, server.EndPoint);

        // The tolerance: the mix is a fixed order, exact over every ten picks; only requests cut off when the load ends
        // (at most the requests in flight then) can tilt the counts, and 2 points of 1,000 cover that with room to spare.
        var arrived = server.Requests;
        Assert.InRange(arrived.Count, 900, 1000);
        var uploads = arrived.Count(r => r is { Method: "POST", Path: "/upload" });
        var health = arrived.Count(r => r is { Method: "GET", Path: "/health" });
        Assert.Equal(arrived.Count, uploads + health);
        Assert.InRange(uploads / (double)arrived.Count, 0.08, 0.12);
        Assert.Equal(health, runner.Metrics.Progress().Requests[0].RequestsOk);
        Assert.Equal(uploads, runner.Metrics.Progress().Requests[1].RequestsOk);
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task MethodHeadersAndBody_ArriveAsWritten(ConnectionKind connection)
    {
        await using var server = new RecordingHttpServer();
        var settings = Settings(connection) with
        {
            Rate = 50,
            Duration = TimeSpan.FromMilliseconds(200),
            Requests = [new RequestSpec { Method = "PUT", Path = "/items/7?dry=1", Headers = ["Content-Type: application/json", "X-Trace: abc-123"], Body = UploadBody }],
        };

        await InProcessLoad.RunAsync(settings, server.EndPoint);

        var arrived = server.Requests;
        Assert.NotEmpty(arrived);
        Assert.All(arrived, r =>
        {
            Assert.Equal("PUT", r.Method);
            Assert.Equal("/items/7?dry=1", r.Path);
            Assert.Contains("Content-Type: application/json", r.Headers);
            Assert.Contains("X-Trace: abc-123", r.Headers);
            Assert.Contains($"Content-Length: {UploadBody.Length}", r.Headers);
            Assert.Equal(UploadBody, r.Body);
        });
    }

    private static LoadSettings Settings(ConnectionKind connection) => new()
    {
        Connection = connection,
        Model = LoadModelKind.Rate,
        Rate = 500,
        Duration = TimeSpan.FromSeconds(2),
        MaxRequests = 1000,
        Concurrency = 4,
        Timeout = TimeSpan.FromSeconds(2),
    };
}
