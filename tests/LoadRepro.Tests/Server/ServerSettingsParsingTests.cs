using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Server;

public sealed class ServerSettingsParsingTests
{
    [Fact]
    public void StackAndSlowClose_Read()
    {
        var s = ScenarioParser.Parse("name: a\nserver: { bug: slow-close, slowClose: 3s, stack: raw }\n", "x.yaml");

        Assert.Equal(TimeSpan.FromSeconds(3), s.Server.SlowCloseDelay);
        Assert.Equal(StackKind.Raw, s.Server.Stack);
    }

    [Fact]
    public void Defaults_SlowClose5s_StackOfTheBug()
    {
        var s = ScenarioParser.Parse("name: a\nserver: { bug: hang-handler }\n", "x.yaml");

        Assert.Equal(TimeSpan.FromSeconds(5), s.Server.SlowCloseDelay);
        Assert.Null(s.Server.Stack);
        Assert.Equal(StackKind.Http, s.Server.EffectiveStack);
    }

    [Fact]
    public void FixedVariant_ChoosesTheBugsStack() =>
        Assert.Equal(StackKind.Http, ScenarioParser.Parse("name: a\nserver: { bug: none, stack: http }\n", "x.yaml").Server.EffectiveStack);

    [Theory]
    [InlineData("name: a\nserver:\n  stack: tcp\n", "x.yaml:3: server.stack: 'tcp' is not one of: raw, http")]
    [InlineData("name: a\nserver:\n  slowClose: 11m\n", "x.yaml:3: server.slowClose: 11m is out of range")]
    [InlineData("name: a\nserver:\n  slowClose: later\n", "x.yaml:3: server.slowClose: expected a duration")]
    public void BadValue_NamesFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "x.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
