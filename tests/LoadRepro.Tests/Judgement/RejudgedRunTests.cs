using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

public sealed class RejudgedRunTests
{
    private static readonly GateResult HeldCloseWait = new() { Name = "maxCloseWait", Limit = "≤ 10", Actual = "3", Passed = true };

    [Fact]
    public void AnAddedGateThatFails_FailsTheRun_AndKeepsTheGatesItHad()
    {
        var run = Stored(SyntheticRuns.Fixed() with { Gates = [HeldCloseWait] });

        var again = RejudgedRun.WithGates(run, new ExpectSettings { MaxFdGrowth = 5 });

        Assert.Equal(["maxCloseWait", "maxFdGrowth"], again.Record.Gates.Select(g => g.Name));
        Assert.Equal(("≤ 5", "20", false), (again.Record.Gates[1].Limit, again.Record.Gates[1].Actual, again.Record.Gates[1].Passed));
        Assert.False(again.Record.Passed);
        Assert.Equal(run.Directory, again.Directory);
    }

    [Fact]
    public void AGateOfTheSameName_ReplacesTheOneTheRunHad()
    {
        var run = Stored(SyntheticRuns.Fixed() with { Gates = [HeldCloseWait] });

        var again = RejudgedRun.WithGates(run, new ExpectSettings { MaxCloseWait = 2 });

        var gate = Assert.Single(again.Record.Gates);
        Assert.Equal(("maxCloseWait", "≤ 2", false), (gate.Name, gate.Limit, gate.Passed));
        Assert.False(again.Record.Passed);
    }

    [Fact]
    public void ARunThatFailedOnlyTheReplacedGate_PassesAgain()
    {
        var failed = HeldCloseWait with { Limit = "≤ 1", Passed = false };
        var run = Stored(SyntheticRuns.Fixed() with { Gates = [failed], Passed = false });

        var again = RejudgedRun.WithGates(run, new ExpectSettings { MaxCloseWait = 10 });

        Assert.True(Assert.Single(again.Record.Gates).Passed);
        Assert.True(again.Record.Passed);
    }

    private static RunResult Stored(RunRecord record) => new("/r/runs/a", record, [], []);
}
