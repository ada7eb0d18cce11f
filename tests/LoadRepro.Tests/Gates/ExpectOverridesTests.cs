using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Gates;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Gates;

public sealed class ExpectOverridesTests
{
    [Fact]
    public void Pairs_AddToAndOverrideTheScenariosGates_LaterWins()
    {
        var scenario = new ExpectSettings { Diagnosis = "healthy", MaxCloseWait = 5 };
        var e = ExpectOverrides.Apply(scenario, ["maxCloseWait=50", "maxP99Ms=12.5", "exhaustion=false", "maxCloseWait=40"]);
        Assert.Equal(new ExpectSettings { Diagnosis = "healthy", MaxCloseWait = 40, MaxP99Ms = 12.5, Exhaustion = false }, e);
    }

    [Theory]
    [InlineData("maxCloseWait", "--expect maxCloseWait: expected key=value")]
    [InlineData("maxCloseWait=-1", "--expect maxCloseWait=-1: expected a whole number of 0 or more")]
    [InlineData("minSuccessRatio=1.5", "--expect minSuccessRatio=1.5: expected a number from 0 to 1")]
    [InlineData("diagnosis=leaky", "--expect diagnosis=leaky: not a diagnosis kind")]
    [InlineData("exhaustion=yes", "--expect exhaustion=yes: expected true or false")]
    [InlineData("maxWidgets=1", "--expect maxWidgets=1: 'maxWidgets' is not a gate")]
    public void BadPairs_AreOneLineNamingThePair(string pair, string start)
    {
        var e = Assert.Throws<ScenarioException>(() => ExpectOverrides.Apply(new ExpectSettings(), [pair]));
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private const string ScenarioYaml = """
        name: close-wait-fixed
        server: { bug: none, keepAlive: on, maxFds: 1024 }
        load:   { connection: short, rate: 250, duration: 6s }
        expect: { diagnosis: healthy, exhaustion: false, maxCloseWait: 5, maxTimeWait: 2000, maxFdGrowth: 20, minSuccessRatio: 0.99, maxP99Ms: 100 }
        """;

    private static readonly ExpectSettings FromYaml = new()
    {
        Diagnosis = "healthy",
        Exhaustion = false,
        MaxCloseWait = 5,
        MaxTimeWait = 2000,
        MaxFdGrowth = 20,
        MinSuccessRatio = 0.99,
        MaxP99Ms = 100,
    };

    [Fact]
    public void ScenarioExpect_ReadFromYaml_IsWhatTheOverridesStartFrom()
    {
        Assert.Equal(FromYaml, Scenario().Expect);
    }

    [Theory]
    [InlineData("diagnosis=close-wait-leak")]
    [InlineData("exhaustion=true")]
    [InlineData("maxCloseWait=1500")]
    [InlineData("maxTimeWait=0")]
    [InlineData("maxFdGrowth=900")]
    [InlineData("minSuccessRatio=0.4")]
    [InlineData("maxP99Ms=12.5")]
    public void APairOverAScenariosExpect_SetsThatGate_AndKeepsEveryOther(string pair)
    {
        var e = ExpectOverrides.Apply(Scenario().Expect, [pair]);

        var expected = pair switch
        {
            "diagnosis=close-wait-leak" => FromYaml with { Diagnosis = "close-wait-leak" },
            "exhaustion=true" => FromYaml with { Exhaustion = true },
            "maxCloseWait=1500" => FromYaml with { MaxCloseWait = 1500 },
            "maxTimeWait=0" => FromYaml with { MaxTimeWait = 0 },
            "maxFdGrowth=900" => FromYaml with { MaxFdGrowth = 900 },
            "minSuccessRatio=0.4" => FromYaml with { MinSuccessRatio = 0.4 },
            "maxP99Ms=12.5" => FromYaml with { MaxP99Ms = 12.5 },
            _ => throw new ArgumentOutOfRangeException(nameof(pair), pair, "no expectation for this pair"),
        };
        Assert.NotEqual(FromYaml, expected);
        Assert.Equal(expected, e);
    }

    [Fact]
    public void TwoPairsForOneGateOverAScenariosExpect_TheLaterWins_WhicheverWayItMoves()
    {
        var looser = ExpectOverrides.Apply(Scenario().Expect, ["maxCloseWait=3", "maxCloseWait=1500"]);
        var tighter = ExpectOverrides.Apply(Scenario().Expect, ["maxCloseWait=1500", "maxCloseWait=3"]);

        Assert.Equal(FromYaml with { MaxCloseWait = 1500 }, looser);
        Assert.Equal(FromYaml with { MaxCloseWait = 3 }, tighter);
    }

    [Fact]
    public void NoPair_LeavesTheScenariosExpectAsItIs()
    {
        Assert.Equal(FromYaml, ExpectOverrides.Apply(Scenario().Expect, []));
    }

    [Fact]
    public void OverriddenGates_PassARunTheScenariosGatesFail()
    {
        // A leak run breaks five of this fixed scenario's gates; --expect re-states those five for a leak and leaves the other two.
        var leak = LeakRun();
        Assert.Equal(["diagnosis", "exhaustion", "maxCloseWait", "maxFdGrowth", "minSuccessRatio"], Failed(Scenario().Expect, leak));

        var e = ExpectOverrides.Apply(Scenario().Expect, ["diagnosis=close-wait-leak", "exhaustion=true", "maxCloseWait=1500", "maxFdGrowth=900", "minSuccessRatio=0.4"]);

        Assert.Empty(Failed(e, leak));
        Assert.Equal(ExpectOverrides.Keys, GateEvaluator.Evaluate(e, leak).Select(g => g.Name));
    }

    [Fact]
    public void OverriddenGates_FailARunTheScenariosGatesPass()
    {
        var healthy = GateRuns.Healthy();
        Assert.Empty(Failed(Scenario().Expect, healthy));

        var e = ExpectOverrides.Apply(Scenario().Expect, ["maxP99Ms=1"]);

        var p99 = Assert.Single(GateEvaluator.Evaluate(e, healthy), g => !g.Passed);
        Assert.Equal(("maxP99Ms", "≤ 1 ms", "10 ms"), (p99.Name, p99.Limit, p99.Actual));
    }

    [Fact]
    public void AnOverrideForAGateTheScenarioLeftUnset_AddsThatGate()
    {
        var scenario = ScenarioParser.Parse("name: a\nexpect: { diagnosis: healthy }\n", "a.yaml");
        var run = GateRuns.Healthy().WithPeakTimeWait(server: 0, client: 1894);
        Assert.Equal(["diagnosis"], GateEvaluator.Evaluate(scenario.Expect, run).Select(g => g.Name));

        var e = ExpectOverrides.Apply(scenario.Expect, ["maxTimeWait=1000"]);

        var results = GateEvaluator.Evaluate(e, run);
        Assert.Equal(["diagnosis", "maxTimeWait"], results.Select(g => g.Name));
        Assert.Equal([true, false], results.Select(g => g.Passed));
    }

    private static ScenarioDefinition Scenario() => ScenarioParser.Parse(ScenarioYaml, "close-wait-fixed.yaml");

    private static RunRecord LeakRun() => GateRuns.Healthy()
        .WithDiagnosis(DiagnosisKind.CloseWaitLeak)
        .WithExhaustion(reached: true)
        .WithPeakCloseWait(1360)
        .WithFds(baseline: 180, peak: 1023)
        .WithRequests(ok: 843, failed: 1157);

    private static List<string> Failed(ExpectSettings expect, RunRecord run) =>
        GateEvaluator.Evaluate(expect, run).Where(g => !g.Passed).Select(g => g.Name).ToList();
}
