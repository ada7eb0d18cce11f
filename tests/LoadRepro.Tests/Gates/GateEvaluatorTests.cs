using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Gates;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Gates;

public sealed class GateEvaluatorTests
{
    private static readonly ExpectSettings EveryGate = new()
    {
        Diagnosis = "healthy",
        Exhaustion = false,
        MaxCloseWait = 5,
        MaxTimeWait = 100,
        MaxFdGrowth = 20,
        MinSuccessRatio = 0.9,
        MaxP99Ms = 50,
    };

    [Fact]
    public void NoGateSet_GivesNoResult()
    {
        Assert.Empty(GateEvaluator.Evaluate(new ExpectSettings(), GateRuns.Healthy()));
    }

    [Fact]
    public void EveryGateSet_GivesOneResultPerKey_InTheOrderOfTheKeys()
    {
        var results = GateEvaluator.Evaluate(EveryGate, GateRuns.Healthy());

        Assert.Equal(ExpectOverrides.Keys, results.Select(g => g.Name));
        Assert.All(results, g => Assert.True(g.Passed, $"{g.Name}: expected {g.Limit}, got {g.Actual}"));
    }

    [Theory]
    [InlineData("diagnosis")]
    [InlineData("exhaustion")]
    [InlineData("maxCloseWait")]
    [InlineData("maxTimeWait")]
    [InlineData("maxFdGrowth")]
    [InlineData("minSuccessRatio")]
    [InlineData("maxP99Ms")]
    public void AnUnsetGate_GivesNoResult_WhileTheOthersStillDo(string key)
    {
        var expect = key switch
        {
            "diagnosis" => EveryGate with { Diagnosis = null },
            "exhaustion" => EveryGate with { Exhaustion = null },
            "maxCloseWait" => EveryGate with { MaxCloseWait = null },
            "maxTimeWait" => EveryGate with { MaxTimeWait = null },
            "maxFdGrowth" => EveryGate with { MaxFdGrowth = null },
            "minSuccessRatio" => EveryGate with { MinSuccessRatio = null },
            "maxP99Ms" => EveryGate with { MaxP99Ms = null },
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a gate key"),
        };

        var names = GateEvaluator.Evaluate(expect, GateRuns.Healthy()).Select(g => g.Name).ToList();

        Assert.DoesNotContain(key, names);
        Assert.Equal(ExpectOverrides.Keys.Where(k => k != key), names);
    }

    [Fact]
    public void Diagnosis_PassesWhenTheRunReachedTheExpectedKind()
    {
        var g = Only(new ExpectSettings { Diagnosis = "close-wait-leak" }, GateRuns.Healthy().WithDiagnosis(DiagnosisKind.CloseWaitLeak));

        Assert.Equal(("diagnosis", "close-wait-leak", "close-wait-leak", true), (g.Name, g.Limit, g.Actual, g.Passed));
    }

    [Fact]
    public void Diagnosis_FailsOnAnotherKind_AndShowsTheKindReached()
    {
        var g = Only(new ExpectSettings { Diagnosis = "close-wait-leak" }, GateRuns.Healthy());

        Assert.False(g.Passed);
        Assert.Equal("close-wait-leak", g.Limit);
        Assert.Equal("healthy", g.Actual);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Exhaustion_PassesWhenReachedIsAsExpected(bool reached)
    {
        var g = Only(new ExpectSettings { Exhaustion = reached }, GateRuns.Healthy().WithExhaustion(reached));

        Assert.True(g.Passed);
        Assert.Equal(reached ? "true" : "false", g.Actual);
    }

    [Theory]
    [InlineData(true, "true", "false")]
    [InlineData(false, "false", "true")]
    public void Exhaustion_FailsWhenReachedIsNotAsExpected_AndShowsWhatHappened(bool expected, string limit, string actual)
    {
        var g = Only(new ExpectSettings { Exhaustion = expected }, GateRuns.Healthy().WithExhaustion(!expected));

        Assert.False(g.Passed);
        Assert.Equal(limit, g.Limit);
        Assert.Equal(actual, g.Actual);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(5)]
    public void MaxCloseWait_PassesAtOrBelowTheBound(int peak)
    {
        var g = Only(new ExpectSettings { MaxCloseWait = 5 }, GateRuns.Healthy().WithPeakCloseWait(peak));

        Assert.True(g.Passed);
        Assert.Equal("≤ 5", g.Limit);
        Assert.Equal(peak.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Actual);
    }

    [Fact]
    public void MaxCloseWait_FailsAboveTheBound_AndShowsTheMeasuredPeak()
    {
        var g = Only(new ExpectSettings { MaxCloseWait = 5 }, GateRuns.Healthy().WithPeakCloseWait(1360));

        Assert.False(g.Passed);
        Assert.Equal("≤ 5", g.Limit);
        Assert.Equal("1360", g.Actual);
    }

    [Fact]
    public void MaxCloseWait_CountsTheServerSideOnly()
    {
        // CLOSE_WAIT on the client side is the client's own unclosed sockets, not the server's leak the gate is for.
        var g = Only(new ExpectSettings { MaxCloseWait = 5 }, GateRuns.Healthy().WithPeakCloseWait(server: 2, client: 900));

        Assert.True(g.Passed);
        Assert.Equal("2", g.Actual);
    }

    [Fact]
    public void MaxCloseWait_OfZero_FailsOnASingleCloseWait()
    {
        var g = Only(new ExpectSettings { MaxCloseWait = 0 }, GateRuns.Healthy().WithPeakCloseWait(1));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 0", "1"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxTimeWait_CountsServerPlusClientTimeWait_AndPassesAtTheBound()
    {
        var g = Only(new ExpectSettings { MaxTimeWait = 100 }, GateRuns.Healthy().WithPeakTimeWait(server: 40, client: 60));

        Assert.True(g.Passed);
        Assert.Equal(("≤ 100", "100"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxTimeWait_FailsWhenTheSidesTogetherExceedTheBound_ThoughEachAloneIsUnder()
    {
        var g = Only(new ExpectSettings { MaxTimeWait = 100 }, GateRuns.Healthy().WithPeakTimeWait(server: 60, client: 60));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 100", "120"), (g.Limit, g.Actual));
    }

    [Theory]
    [InlineData(1894, 0)]
    [InlineData(0, 1894)]
    public void MaxTimeWait_FailsOnEitherSidesPile_AndShowsTheMeasuredPeak(int server, int client)
    {
        var g = Only(new ExpectSettings { MaxTimeWait = 1000 }, GateRuns.Healthy().WithPeakTimeWait(server, client));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 1000", "1894"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxFdGrowth_IsPeakMinusBaseline_AndPassesAtTheBound()
    {
        // 1000 descriptors at the peak is far over the bound of 20; only the growth over the baseline counts.
        var g = Only(new ExpectSettings { MaxFdGrowth = 20 }, GateRuns.Healthy().WithFds(baseline: 980, peak: 1000));

        Assert.True(g.Passed);
        Assert.Equal(("≤ 20", "20"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxFdGrowth_FailsOneDescriptorOverTheBound_AndShowsTheGrowth()
    {
        var g = Only(new ExpectSettings { MaxFdGrowth = 20 }, GateRuns.Healthy().WithFds(baseline: 180, peak: 201));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 20", "21"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxFdGrowth_FailsOnALeakToTheLimit_AndShowsTheGrowth()
    {
        var g = Only(new ExpectSettings { MaxFdGrowth = 20 }, GateRuns.Healthy().WithFds(baseline: 180, peak: 1023));

        Assert.False(g.Passed);
        Assert.Equal("843", g.Actual);
    }

    [Fact]
    public void MinSuccessRatio_PassesAtTheBound()
    {
        var g = Only(new ExpectSettings { MinSuccessRatio = 0.99 }, GateRuns.Healthy().WithRequests(ok: 99, failed: 1));

        Assert.True(g.Passed);
        Assert.Equal(("≥ 0.99", "0.99"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MinSuccessRatio_PassesWhenEveryRequestSucceeded()
    {
        var g = Only(new ExpectSettings { MinSuccessRatio = 1 }, GateRuns.Healthy().WithRequests(ok: 200, failed: 0));

        Assert.True(g.Passed);
        Assert.Equal(("≥ 1", "1"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MinSuccessRatio_FailsBelowTheBound_AndShowsTheMeasuredRatio()
    {
        var g = Only(new ExpectSettings { MinSuccessRatio = 0.99 }, GateRuns.Healthy().WithRequests(ok: 843, failed: 1157));

        Assert.False(g.Passed);
        Assert.Equal(("≥ 0.99", "0.4215"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MinSuccessRatio_FailsWhenEveryRequestFailed()
    {
        var g = Only(new ExpectSettings { MinSuccessRatio = 0.5 }, GateRuns.Healthy().WithRequests(ok: 0, failed: 300));

        Assert.False(g.Passed);
        Assert.Equal("0", g.Actual);
    }

    [Fact]
    public void MinSuccessRatio_FailsWhenNoRequestWasMade_EvenWithABoundOfZero_AndSaysSo()
    {
        // With no request there is no ratio to hold; a run that sent nothing must not pass as a success.
        var g = Only(new ExpectSettings { MinSuccessRatio = 0 }, GateRuns.Healthy().WithRequests(ok: 0, failed: 0));

        Assert.False(g.Passed);
        Assert.Equal(("≥ 0", "no request made"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxP99Ms_PassesAtTheBound()
    {
        var g = Only(new ExpectSettings { MaxP99Ms = 12.5 }, GateRuns.Healthy().WithP99(12.5));

        Assert.True(g.Passed);
        Assert.Equal(("≤ 12.5 ms", "12.5 ms"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxP99Ms_FailsAboveTheBound_AndShowsTheMeasuredP99()
    {
        var g = Only(new ExpectSettings { MaxP99Ms = 50 }, GateRuns.Healthy().WithP99(88.25));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 50 ms", "88.25 ms"), (g.Limit, g.Actual));
    }

    [Fact]
    public void MaxP99Ms_FailsWhenNoRequestSucceeded_AndSaysSoRatherThanZeroMs()
    {
        // Every request failed: the p99 of no successes reads 0 ms, which must not pass as fast.
        var g = Only(new ExpectSettings { MaxP99Ms = 50 }, GateRuns.Healthy().WithRequests(ok: 0, failed: 300).WithP99(0));

        Assert.False(g.Passed);
        Assert.Equal(("≤ 50 ms", "no request succeeded"), (g.Limit, g.Actual));
    }

    private static GateResult Only(ExpectSettings expect, RunRecord run) => Assert.Single(GateEvaluator.Evaluate(expect, run));
}
