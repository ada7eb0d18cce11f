using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class LabScenarioKeysTests
{
    [Fact]
    public void LabScenario_ReadsProfileAndNetwork()
    {
        var s = ScenarioParser.Parse("name: a\nlab: true\nprofile: short-port-range\nlabNetwork: loopback\n", "x.yaml");

        Assert.True(s.Lab);
        Assert.Equal("short-port-range", s.Profile);
        Assert.Equal(LabNetworkKind.Loopback, s.LabNetwork);
    }

    [Fact]
    public void LabScenario_DefaultsToVethAndNoProfile()
    {
        var s = ScenarioParser.Parse("name: a\nlab: true\n", "x.yaml");

        Assert.Null(s.Profile);
        Assert.Equal(LabNetworkKind.Veth, s.LabNetwork);
    }

    [Theory]
    [InlineData("name: a\nprofile: blog-advice\n", "x.yaml: profile and labNetwork apply to the lab only")]
    [InlineData("name: a\nlabNetwork: loopback\n", "x.yaml: profile and labNetwork apply to the lab only")]
    [InlineData("name: a\nlab: true\nlabNetwork: wifi\n", "x.yaml:3: labNetwork: 'wifi' is not one of: veth, loopback")]
    [InlineData("name: a\nlab: true\nprofile: ../etc/passwd\n", "x.yaml:3: profile: '../etc/passwd' is not a profile name")]
    [InlineData("name: a\nlab: maybe\n", "x.yaml:2: lab: expected true or false")]
    public void BadLabKeys_NameFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "x.yaml"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
