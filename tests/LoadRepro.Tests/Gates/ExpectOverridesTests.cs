using LoadRepro.Core.Gates;
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
}
