using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class ScenarioSuiteParserTests
{
    [Fact]
    public void Suite_ReadsItsPairsInOrder()
    {
        var s = ScenarioSuiteParser.Parse("name: s\ndescription: d\npairs:\n  - [a, b]\n  - [c, d]\n", "s.yaml");

        Assert.Equal("s", s.Name);
        Assert.Equal([("a", "b"), ("c", "d")], s.Pairs);
    }

    [Theory]
    [InlineData("name: s\npairs:\n  - [a]\n", "s.yaml:3: pairs[0]: expected a pair of scenario names")]
    [InlineData("name: s\npairs:\n  - [a, b, c]\n", "s.yaml:3: pairs[0]: expected a pair of scenario names")]
    [InlineData("name: s\npairs: a\n", "s.yaml:2: pairs: expected a list of pairs")]
    [InlineData("name: s\n", "s.yaml:1: pairs: missing or empty")]
    [InlineData("name: s\npairs:\n  - [a, b]\nextra: 1\n", "s.yaml:4: extra: unknown key")]
    public void BadSuites_NameFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioSuiteParser.Parse(yaml, "s.yaml"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
