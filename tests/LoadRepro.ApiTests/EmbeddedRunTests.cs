using System.Text.Json;

namespace LoadRepro.ApiTests;

public sealed class EmbeddedRunTests(LeakRun leak) : IClassFixture<LeakRun>
{
    [Fact]
    public void LeakRun_IsDiagnosedAsCloseWaitLeak_WithTheScenarioGatesHeldAndTheAddedOneFailed()
    {
        var r = leak.Outcome;

        Assert.False(r.Interrupted);
        Assert.Equal("close-wait-leak", r.Diagnosis);
        Assert.Contains("CLOSE_WAIT", r.DiagnosisSummary, StringComparison.Ordinal);
        Assert.True(r.Exhausted);
        Assert.Equal(new GateOutcome("diagnosis", "close-wait-leak", "close-wait-leak", true), r.Gates.Single(g => g.Name == "diagnosis"));
        Assert.True(r.Gates.Single(g => g.Name == "exhaustion").Passed);
        var growth = Assert.Single(r.FailedGates);
        Assert.Equal("maxFdGrowth", growth.Name);
        Assert.Equal("≤ 50", growth.Expected);
        Assert.False(r.Passed);

        // The leak holds a descriptor per connection until the limit: far more than the 50 the added gate allows.
        Assert.True(r.PeakDescriptors - r.BaselineDescriptors > 50, $"peak {r.PeakDescriptors}, baseline {r.BaselineDescriptors}");
        Assert.True(r.PeakCloseWait > 50, $"peak CLOSE_WAIT {r.PeakCloseWait}");
    }

    [Fact]
    public void LeakRun_OutcomeIsTheRunRecordOnDisk()
    {
        var r = leak.Outcome;
        using var summary = JsonDocument.Parse(File.ReadAllText(r.SummaryPath));
        var root = summary.RootElement;

        Assert.Equal(r.Diagnosis, root.GetProperty("diagnosis").GetProperty("kind").GetString());
        Assert.Equal(r.DiagnosisSummary, root.GetProperty("diagnosis").GetProperty("summary").GetString());
        Assert.Equal(r.PeakDescriptors, root.GetProperty("peak").GetProperty("fds").GetInt32());
        Assert.Equal(r.RequestsOk, root.GetProperty("client").GetProperty("requestsOk").GetInt64());
        Assert.Equal(r.Passed, root.GetProperty("passed").GetBoolean());
        var gates = root.GetProperty("gates").EnumerateArray()
            .Select(g => new GateOutcome(g.GetProperty("name").GetString()!, g.GetProperty("limit").GetString()!, g.GetProperty("actual").GetString()!, g.GetProperty("passed").GetBoolean()));
        Assert.Equal(gates, r.Gates);
        Assert.True(File.Exists(r.ReportPath));
        Assert.True(File.Exists(r.HtmlReportPath));
    }

    [Fact]
    public void FailedGate_AssertionMessageNamesTheGateItsExpectedAndMeasuredValuesAndTheReport()
    {
        var r = leak.Outcome;
        var growth = r.FailedGates.Single();

        var e = Assert.Throws<LoadReproAssertionException>(() => LoadReproAssert.Holds(r));

        Assert.Contains($"maxFdGrowth: expected ≤ 50, measured {growth.Measured}", e.Message, StringComparison.Ordinal);
        Assert.Contains("diagnosis close-wait-leak", e.Message, StringComparison.Ordinal);
        Assert.Contains(r.ReportPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_HoldsForTheLeakWithItsDiagnosis_AndNotForAnother()
    {
        LoadReproAssert.Fails(leak.Outcome, "close-wait-leak");

        var e = Assert.Throws<LoadReproAssertionException>(() => LoadReproAssert.Fails(leak.Outcome, "healthy"));
        Assert.Contains("expected the diagnosis healthy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_ReportsTheStagesAndTheServerFiguresUnderLoad()
    {
        List<RunUpdate> updates;
        lock (leak.Updates)
        {
            updates = [.. leak.Updates];
        }

        Assert.Contains(updates, u => u.Stage.StartsWith("starting the server", StringComparison.Ordinal));
        Assert.Contains(updates, u => u.Stage.StartsWith("descriptors at the limit", StringComparison.Ordinal));
        Assert.Contains(updates, u => u.Stage.StartsWith("under load", StringComparison.Ordinal));

        // The leak reaches the limit within a second of load, before the next reading of the figures under load comes.
        Assert.Contains(updates, u => u.Stage.StartsWith("descriptors at the limit", StringComparison.Ordinal) && u.Descriptors > 0 && u.RequestsOk > 0);
        Assert.Contains(updates, u => u.Stage.StartsWith("draining", StringComparison.Ordinal));
    }
}
