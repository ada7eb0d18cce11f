using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    [Fact]
    public void FullScenario_ReadsEverySection()
    {
        var s = ScenarioParser.Parse("""
            name: close-wait-leak
            description: leaks
            server: { bug: ignore-peer-fin, keepAlive: "timeout=5s", maxFds: 2048 }
            load:   { connection: short, http: "1.0", model: concurrency, concurrency: 8, duration: 1500ms, maxRequests: 100, timeout: 2s }
            sample: { interval: 50ms, drain: 1s }
            expect: { diagnosis: close-wait-leak, exhaustion: true, maxCloseWait: 5, minSuccessRatio: 0.5, maxP99Ms: 20 }
            """, "x.yaml");

        Assert.Equal(BugMode.IgnorePeerFin, s.Server.Bug);
        Assert.Equal(KeepAliveKind.Timeout, s.Server.KeepAlive.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Server.KeepAlive.IdleTimeout);
        Assert.Equal(2048, s.Server.MaxFds);
        Assert.Equal("1.0", s.Load.Http);
        Assert.Equal(LoadModelKind.Concurrency, s.Load.Model);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), s.Load.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(50), s.Sample.Interval);
        Assert.Equal("close-wait-leak", s.Expect.Diagnosis);
        Assert.True(s.Expect.Exhaustion);
        Assert.Equal(0.5, s.Expect.MinSuccessRatio);
    }

    [Theory]
    [InlineData("name: a\nload:\n  rate: 0\n", "x.yaml:3: load.rate: 0 is out of range")]
    [InlineData("name: a\nload:\n  rate: fast\n", "x.yaml:3: load.rate: expected a whole number, got 'fast'")]
    [InlineData("name: a\nload:\n  duration: 2h\n", "x.yaml:3: load.duration: 2h is out of range")]
    [InlineData("name: a\nload:\n  duration: soon\n", "x.yaml:3: load.duration: expected a duration")]
    [InlineData("name: a\nserver:\n  bug: explode\n", "x.yaml:3: server.bug: 'explode' is not one of")]
    [InlineData("name: a\nserver:\n  keepAlive: sometimes\n", "x.yaml:3: server.keepAlive: 'sometimes' is not a keep-alive mode")]
    [InlineData("name: a\nserver:\n  maxFds: 10\n", "x.yaml:3: server.maxFds: 10 is out of range")]
    [InlineData("name: a\nexpect:\n  diagnosis: sad\n", "x.yaml:3: expect.diagnosis: 'sad' is not a diagnosis kind")]
    [InlineData("name: a\nexpect:\n  minSuccessRatio: 2\n", "x.yaml:3: expect.minSuccessRatio: 2 is out of range")]
    [InlineData("name: a\nlod:\n  rate: 5\n", "x.yaml:2: lod: unknown key")]
    [InlineData("name: a\nload:\n  rate: [1, 2]\n", "x.yaml:3: load.rate: expected a single value")]
    [InlineData("name: a\nload: 5\n", "x.yaml:2: load: expected a mapping")]
    [InlineData("description: nameless\n", "x.yaml:1: name: missing")]
    [InlineData("- just\n- a list\n", "x.yaml:1: expected a mapping")]
    [InlineData("name: a\nload: { rate: 5\n", "x.yaml")]
    public void BadScenario_ErrorNamesFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "x.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    public void Durations_ParseWithUnits(string text, double ms)
    {
        Assert.True(DurationText.TryParse(text, out var v));
        Assert.Equal(ms, v.TotalMilliseconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-1s")]
    [InlineData("s")]
    [InlineData("NaNs")]
    public void Durations_WithoutUnitOrNumber_AreRejected(string text) => Assert.False(DurationText.TryParse(text, out _));
}
