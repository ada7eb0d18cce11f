using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Suites;

namespace LoadRepro.Tests.Suites;

public sealed class SuiteParserTests
{
    [Fact]
    public void Suite_ListsItsPairsInOrder()
    {
        var s = SuiteParser.Parse("name: fixes\ndescription: d\npairs:\n  - { a: x, b: y }\n  - { a: p.yaml, b: q }\n", "fixes.yaml");
        Assert.Equal("fixes", s.Name);
        Assert.Equal([new SuitePair("x", "y"), new SuitePair("p.yaml", "q")], s.Pairs);
    }

    [Theory]
    [InlineData("name: s\npairs:\n  - { a: x }\n", "s.yaml:3: pairs[0]: needs both a and b")]
    [InlineData("name: s\npairs:\n  - { a: x, b: y, c: z }\n", "s.yaml:3: pairs[0].c: unknown key (a, b)")]
    [InlineData("name: s\nparis:\n  - { a: x, b: y }\n", "s.yaml:2: paris: unknown key (name, description, pairs)")]
    [InlineData("pairs:\n  - { a: x, b: y }\n", "s.yaml:1: name: missing")]
    [InlineData("name: s\npairs: []\n", "s.yaml:1: pairs: missing or empty")]
    public void BadSuite_NamesFileLineAndKey(string yaml, string start)
    {
        var e = Assert.Throws<ScenarioException>(() => SuiteParser.Parse(yaml, "s.yaml"));
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
    }
}
