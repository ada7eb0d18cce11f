using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Tests.Load;

public sealed class ClientCsvTests
{
    [Fact]
    public void Render_HasAColumnPerErrorKindSeen_AndZeroWhereASecondHadNone()
    {
        var csv = ClientCsv.Render(
        [
            new ClientSecond { Seconds = 1, Started = 500, Ok = 498, Failed = 2, ConnectionsOpened = 500, P99Ms = 1.25, Errors = new Dictionary<string, long> { ["timeout"] = 2 } },
            new ClientSecond { Seconds = 1.5, Started = 250, Ok = 249, Failed = 1, ConnectionsOpened = 250, LateArrivals = 3, P99Ms = 0.5, Errors = new Dictionary<string, long> { ["ECONNRESET"] = 1 } },
        ]);

        Assert.Equal(
            "seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms,errors.ECONNRESET,errors.timeout\n" +
            "1,500,498,2,500,0,1.25,0,2\n" +
            "1.5,250,249,1,250,3,0.5,1,0\n",
            csv);
    }

    [Fact]
    public void Render_WithoutRows_IsTheHeaderOnly()
    {
        Assert.Equal("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms\n", ClientCsv.Render([]));
    }

    [Fact]
    public void Read_GivesBackWhatRenderWrote_ErrorsIncluded()
    {
        ClientSecond[] rows =
        [
            new() { Seconds = 1, Started = 500, Ok = 498, Failed = 2, ConnectionsOpened = 500, P99Ms = 1.25, Errors = new Dictionary<string, long> { ["timeout"] = 2 } },
            new() { Seconds = 1.5, Started = 250, Ok = 249, Failed = 1, ConnectionsOpened = 250, LateArrivals = 3, P99Ms = 0.5, Errors = new Dictionary<string, long> { ["ECONNRESET"] = 1 } },
        ];
        var back = ClientCsv.Read(ClientCsv.Render(rows), "client.csv");

        Assert.Equal(rows.Length, back.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(Fields(rows[i]), Fields(back[i]));
            Assert.Equal(rows[i].Errors.OrderBy(e => e.Key), back[i].Errors.OrderBy(e => e.Key));
        }
    }

    private static (double, long, long, long, long, long, double) Fields(ClientSecond r) =>
        (r.Seconds, r.Started, r.Ok, r.Failed, r.ConnectionsOpened, r.LateArrivals, r.P99Ms);

    [Theory]
    [InlineData("seconds,ok\n1,2\n", "client.csv:1: not a client file")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms\n1,2,3\n", "client.csv:2: not a client row")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms\n1,x,3,4,5,6,7\n", "client.csv:2: not a client row")]
    public void Read_OfSomethingElse_NamesTheLine(string csv, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => ClientCsv.Read(csv, "client.csv"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
