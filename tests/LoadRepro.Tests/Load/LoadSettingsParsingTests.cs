using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Load;

public sealed class LoadSettingsParsingTests
{
    [Fact]
    public void StrategySettings_AreRead()
    {
        var l = ScenarioParser.Parse("""
            name: a
            load: { connection: keep-alive, pipeline: 16, abandonAfter: 250ms, hold: 30s, maxInFlight: 100, stopAfterExhaustion: 1500ms }
            """, "x.yaml").Load;

        Assert.Equal(ConnectionKind.KeepAlive, l.Connection);
        Assert.Equal(16, l.Pipeline);
        Assert.Equal(TimeSpan.FromMilliseconds(250), l.AbandonAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), l.Hold);
        Assert.Equal(100, l.MaxInFlight);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), l.StopAfterExhaustion);
    }

    [Fact]
    public void StopAfterExhaustion_BeyondTheDurationCap_NamesFileLineAndKey()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("name: a\nload:\n  stopAfterExhaustion: 2h\n", "x.yaml"));
        Assert.StartsWith("x.yaml:3: load.stopAfterExhaustion: 2h is out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_WhenNotGiven()
    {
        var l = ScenarioParser.Parse("name: a\n", "x.yaml").Load;

        Assert.Equal(LoadDefaults.PipelineDepth, l.Pipeline);
        Assert.Equal(LoadDefaults.AbandonAfter, l.AbandonAfter);
        Assert.Equal(LoadDefaults.Hold, l.Hold);
        Assert.Equal(0, l.MaxInFlight);
        Assert.Null(l.StopAfterExhaustion);
        Assert.Empty(l.Stages);
    }

    [Fact]
    public void Stages_AreRead_AndSetTheDuration()
    {
        var l = ScenarioParser.Parse("""
            name: a
            load:
              rate: 50
              stages: [{duration: 2s, rate: 100}, {duration: 3s, rate: 100}]
            """, "x.yaml").Load;

        Assert.Equal([new RateStage { Duration = TimeSpan.FromSeconds(2), Rate = 100 }, new RateStage { Duration = TimeSpan.FromSeconds(3), Rate = 100 }], l.Stages);
        Assert.Equal(TimeSpan.FromSeconds(5), l.Duration);
    }

    [Fact]
    public void Stages_AreCutShortByAnExplicitDuration()
    {
        var l = ScenarioParser.Parse("name: a\nload: { duration: 1s, stages: [{duration: 2s, rate: 100}] }\n", "x.yaml").Load;

        Assert.Equal(TimeSpan.FromSeconds(1), l.Duration);
    }

    [Theory]
    [InlineData("name: a\nload:\n  stages: [{rate: 100}]\n", "x.yaml:3: load.stages[0].duration: missing")]
    [InlineData("name: a\nload:\n  stages: [{duration: 1s, rate: 0}]\n", "x.yaml:3: load.stages[0].rate: 0 is out of range")]
    [InlineData("name: a\nload:\n  stages: [{duration: 1s, rate: 5, ramp: yes}]\n", "x.yaml:3: load.stages[0].ramp: unknown key")]
    [InlineData("name: a\nload:\n  stages: []\n", "x.yaml:3: load.stages: expected a non-empty list")]
    [InlineData("name: a\nload:\n  stages: 5\n", "x.yaml:3: load.stages: expected a non-empty list")]
    [InlineData("name: a\nload:\n  pipeline: 0\n", "x.yaml:3: load.pipeline: 0 is out of range")]
    [InlineData("name: a\nload: { model: concurrency, stages: [{duration: 1s, rate: 5}] }\n", "x.yaml: load.stages: only the rate model has stages")]
    [InlineData("name: a\nload:\n  abandonAfter: never\n", "x.yaml:3: load.abandonAfter: expected a duration")]
    public void BadLoadSettings_NameFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "x.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
