using System.Text;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Http;

namespace LoadRepro.Tests.Load;

public sealed class RequestMixTests
{
    [Fact]
    public void NineToOne_SendsEachKindInItsShare_SpreadOut()
    {
        var mix = new RequestMix([new RequestSpec { Path = "/health", Weight = 9 }, new RequestSpec { Method = "POST", Path = "/upload", Weight = 1 }]);

        var picks = Enumerable.Range(0, 1000).Select(_ => mix.Next()).ToList();

        Assert.Equal(900, picks.Count(k => k == 0));
        Assert.Equal(100, picks.Count(k => k == 1));

        // Every stretch of ten holds exactly one upload: not nine healths then one upload in bursts of the weights' sum.
        Assert.All(picks.Chunk(10), chunk => Assert.Equal(1, chunk.Count(k => k == 1)));
    }

    [Fact]
    public void Weights_WithACommonDivisor_KeepTheirRatio()
    {
        var mix = new RequestMix([new RequestSpec { Path = "/a", Weight = 6 }, new RequestSpec { Path = "/b", Weight = 3 }, new RequestSpec { Path = "/c", Weight = 3 }]);

        var picks = Enumerable.Range(0, 400).Select(_ => mix.Next()).ToList();

        Assert.Equal([200, 100, 100], Enumerable.Range(0, 3).Select(k => picks.Count(p => p == k)));
    }

    [Fact]
    public void NoRequests_IsOneGetOfTheDefaultPath()
    {
        var mix = RequestMix.For(new LoadSettings(), "/from-url");

        Assert.Equal("GET /from-url", Assert.Single(mix.Kinds).Name);
    }

    [Fact]
    public void RequestBytes_CarryHeadersBodyAndItsLength()
    {
        var spec = new RequestSpec { Method = "POST", Path = "/upload", Headers = ["Content-Type: application/json"], Body = Encoding.UTF8.GetBytes("{}") };

        var text = Encoding.ASCII.GetString(RequestBytes.One("127.0.0.1:80", spec, "1.1"));

        Assert.Equal("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:80\r\nUser-Agent: loadrepro\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", text);
    }

    [Fact]
    public void RequestBytes_KeepAliveRepeatsTheWholeRequest_WithHttp10sKeepAlive()
    {
        var spec = new RequestSpec { Method = "PUT", Path = "/x", Body = "ab"u8.ToArray() };

        var text = Encoding.ASCII.GetString(RequestBytes.KeepAlive("h", spec, "1.0", 2));

        var one = "PUT /x HTTP/1.0\r\nHost: h\r\nUser-Agent: loadrepro\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nab";
        Assert.Equal(one + one, text);
    }
}
