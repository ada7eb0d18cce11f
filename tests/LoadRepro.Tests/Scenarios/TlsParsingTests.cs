using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class TlsParsingTests
{
    [Fact]
    public void ServerTls_IsOffByDefault_AndReadWhenSet()
    {
        Assert.False(ScenarioParser.Parse("name: a\n", "a.yaml").Server.Tls);
        Assert.True(ScenarioParser.Parse("name: a\nserver: { tls: true }\nload: { connection: keep-alive }\n", "a.yaml").Server.Tls);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("keep-alive")]
    [InlineData("rst")]
    [InlineData("abandon")]
    [InlineData("idle-hold")]
    [InlineData("httpclient-per-request")]
    [InlineData("httpclient-shared")]
    public void EveryConnectionKindButHalfClose_RunsOverTls(string connection) =>
        Assert.True(ScenarioParser.Parse($"name: a\nserver: {{ tls: true }}\nload: {{ connection: {connection} }}\n", "a.yaml").Server.Tls);

    [Fact]
    public void HalfCloseOverTls_IsRefused_AtTheConnectionsLine()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("name: a\nserver:\n  tls: true\nload:\n  connection: half-close\n", "a.yaml"));

        Assert.StartsWith("a.yaml:5: load.connection: half-close cannot run over TLS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsSentence_SaysHandshakesRateAndCpuShare()
    {
        var tls = new TlsSummary { Handshakes = 1000, HandshakesFailed = 2, HandshakesPerSecond = 185, HandshakeCpuSeconds = 1.351, ClientCpuSeconds = 3.063, HandshakeCpuPercent = 44.1 };

        Assert.Equal("TLS handshakes 1,000 (185/s), 2 failed; 1.351 s of client CPU in handshakes, 44.1% of the client's 3.063 s", tls.Sentence());
    }
}
