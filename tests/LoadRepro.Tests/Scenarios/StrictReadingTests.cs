using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

/// <summary>The whole one-line error for each kind of mistake, at every nesting level: file, line, full key, problem.</summary>
public sealed class StrictReadingTests
{
    [Theory]
    [InlineData("name: a\ncolour: red\n", "x.yaml:2: colour: unknown key")]
    [InlineData("name: a\nserver:\n  bug: none\n  bugg: none\n", "x.yaml:4: server.bugg: unknown key")]
    [InlineData("name: a\nload:\n  rate: 5\n  rat: 5\n", "x.yaml:4: load.rat: unknown key")]
    [InlineData("name: a\nload:\n  rat: 5\n", "x.yaml:3: load.rat: unknown key")]
    [InlineData("name: a\nsample: { drain: 1s, drian: 2s }\n", "x.yaml:2: sample.drian: unknown key")]
    [InlineData("name: a\nexpect:\n\n  maxCloseWiat: 3\n", "x.yaml:4: expect.maxCloseWiat: unknown key")]
    [InlineData("name: a\nload:\n  stages:\n    - duration: 1s\n      rate: 5\n    - duration: 1s\n      rat: 5\n", "x.yaml:7: load.stages[1].rat: unknown key")]
    public void UnknownKey_AtEachLevel_NamesItsLineAndFullKey(string yaml, string expected) =>
        Assert.Equal(expected, Error(yaml));

    [Fact]
    public void UnknownKey_InSuitesAndProfiles_NamesItsLine()
    {
        Assert.Equal("s.yaml:3: pair: unknown key", Assert.Throws<ScenarioException>(() => ScenarioSuiteParser.Parse("name: s\npairs: [[a, b]]\npair: [c, d]\n", "s.yaml")).Message);
        Assert.Equal("p.yaml:2: sysctl: unknown key", Assert.Throws<ScenarioException>(() => SysctlProfileParser.Parse("name: p\nsysctl: {}\n", "p.yaml")).Message);
    }

    [Theory]
    [InlineData("name: a\nserver:\n  maxFds: lots\n", "x.yaml:3: server.maxFds: expected a whole number, got 'lots'")]
    [InlineData("name: a\nload:\n  maxRequests: 1.5\n", "x.yaml:3: load.maxRequests: expected a whole number, got '1.5'")]
    [InlineData("name: a\nexpect: { maxP99Ms: fast }\n", "x.yaml:2: expect.maxP99Ms: expected a number, got 'fast'")]
    [InlineData("name: a\nexpect: { minSuccessRatio: .nan }\n", "x.yaml:2: expect.minSuccessRatio: expected a number, got '.nan'")]
    [InlineData("name: a\nload:\n  stages:\n    - { duration: 1s, rate: ten }\n", "x.yaml:4: load.stages[0].rate: expected a whole number, got 'ten'")]
    [InlineData("name: a\nsample:\n  interval: 5\n", "x.yaml:3: sample.interval: expected a duration such as 500ms, 10s or 2m, got '5'")]
    [InlineData("name: a\nexpect:\n  exhaustion: 1\n", "x.yaml:3: expect.exhaustion: expected true or false, got '1'")]
    [InlineData("name: a\nload:\n  rate:\n    per: second\n", "x.yaml:4: load.rate: expected a single value, not a list or mapping")]
    [InlineData("name: a\nexpect: healthy\n", "x.yaml:2: expect: expected a mapping of keys (key: value)")]
    [InlineData("name: a\nsample: [1s]\n", "x.yaml:2: sample: expected a mapping of keys (key: value)")]
    [InlineData("name: a\nload:\n  stages: [5]\n", "x.yaml:3: load.stages[0]: expected a mapping of keys (key: value)")]
    [InlineData("name: a\nload:\n  stages: {duration: 1s}\n", "x.yaml:3: load.stages: expected a non-empty list of mappings, e.g. [{duration: 2s, rate: 100}]")]
    public void WrongType_NamesFileLineAndKey(string yaml, string expected) =>
        Assert.Equal(expected, Error(yaml));

    [Theory]
    [InlineData("name: a\nload:\n  rate: 0\n", "x.yaml:3: load.rate: 0 is out of range (1 to 200000)")]
    [InlineData("name: a\nload:\n  concurrency: 20001\n", "x.yaml:3: load.concurrency: 20001 is out of range (1 to 20000)")]
    [InlineData("name: a\nload:\n  pipeline: 257\n", "x.yaml:3: load.pipeline: 257 is out of range (1 to 256)")]
    [InlineData("name: a\nsample:\n  drain: 6m\n", "x.yaml:3: sample.drain: 6m is out of range (0s to 300s)")]
    [InlineData("name: a\nexpect:\n  minSuccessRatio: 1.5\n", "x.yaml:3: expect.minSuccessRatio: 1.5 is out of range (0 to 1)")]
    [InlineData("name: a\nload:\n  stages: [{duration: 50ms, rate: 5}]\n", "x.yaml:3: load.stages[0].duration: 50ms is out of range (100ms to 1800s)")]
    public void OutOfRange_NamesTheRange(string yaml, string expected) =>
        Assert.Equal(expected, Error(yaml));

    [Theory]
    [InlineData("name: a\ndescription:\n", "x.yaml:2: description: has no value")]
    [InlineData("name: a\nload:\n  rate: ~\n", "x.yaml:3: load.rate: has no value")]
    [InlineData("name: \"\"\n", "x.yaml:1: name: has no value")]
    [InlineData("# a comment\n\ndescription: x\n", "x.yaml:3: name: missing (every scenario has a name)")]
    [InlineData("name: a\nload:\n  stages:\n    - duration: 1s\n", "x.yaml:4: load.stages[0].rate: missing (every stage has a target rate)")]
    public void EmptyOrMissing_NamesTheKey(string yaml, string expected) =>
        Assert.Equal(expected, Error(yaml));

    [Fact]
    public void Aliases_StandForWhatTheyName()
    {
        var s = ScenarioParser.Parse("name: a\nload:\n  rate: &r 40\n  concurrency: *r\n  stages: [&s {duration: 1s, rate: 5}, *s]\n", "x.yaml");

        Assert.Equal(40, s.Load.Concurrency);
        Assert.Equal(2, s.Load.Stages.Count);
    }

    [Fact]
    public void DocumentsAfterTheFirst_AreIgnored() =>
        Assert.Equal("a", ScenarioParser.Parse("name: a\n---\nname: b\nwhatever: 1\n", "x.yaml").Name);

    private static string Error(string yaml)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "x.yaml"));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }
}
