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
}
