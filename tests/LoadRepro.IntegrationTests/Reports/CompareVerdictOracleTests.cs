using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

/// <summary>The comparison's figures and verdict recomputed by the test from the two runs' samples.csv, in its own few lines.</summary>
[Collection(RealComparisonGroup.Name)]
public sealed class CompareVerdictOracleTests(RealComparison comparison)
{
    [Fact]
    public void FixHolds_AgreesWithTheSamplesOfBothRuns()
    {
        var (a, b) = (comparison.Run("a"), comparison.Run("b"));
        var limit = SampleSeries.Read(b, "fdLimit").Peak;
        var (fdsA, fdsB) = (SampleSeries.Read(a, "fds"), SampleSeries.Read(b, "fds"));
        var (closeWaitA, closeWaitB) = (SampleSeries.Read(a, "tcp.closeWait"), SampleSeries.Read(b, "tcp.closeWait"));

        // A leaked: its descriptors reached the limit. B is flat: no CLOSE_WAIT left after the drain, its descriptors never
        // took half the room to the limit, and came back within a tenth of it.
        var leaked = fdsA.Peak >= SampleSeries.Read(a, "fdLimit").Peak - 2;
        var room = limit - fdsB.Baseline;
        var flat = closeWaitB.Final == 0 && fdsB.Growth <= room / 2 && fdsB.Final - fdsB.Baseline <= room / 10;
        Assert.True(leaked && flat, $"the samples show no fixed leak: A's descriptors peak {fdsA.Peak}; B's grow {fdsB.Growth}, end {fdsB.Final} over {fdsB.Baseline}, CLOSE_WAIT {closeWaitB.Final} after the drain");
        Assert.True(comparison.Json.GetProperty("verdict").GetProperty("holds").GetBoolean(), "compare.json says the fix does not hold; the samples say it does");

        var figures = comparison.Json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        AssertFigure(figures["peak CLOSE_WAIT, server side"], closeWaitA.Peak, closeWaitB.Peak);
        AssertFigure(figures["descriptor growth over baseline"], fdsA.Growth, fdsB.Growth);
    }

    private static void AssertFigure(System.Text.Json.JsonElement figure, double a, double b)
    {
        var name = figure.GetProperty("name").GetString();
        Assert.True(figure.GetProperty("a").GetDouble() == a && figure.GetProperty("b").GetDouble() == b, $"{name}: compare.json {figure.GetProperty("a")} / {figure.GetProperty("b")}, samples.csv {a} / {b}");
        Assert.True(figure.GetProperty("better").GetString() == (b < a ? "b" : "a"), $"{name}: compare.json calls {figure.GetProperty("better")} better; samples.csv: A {a}, B {b}");
    }
}
