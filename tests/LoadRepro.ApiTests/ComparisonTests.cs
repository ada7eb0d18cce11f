namespace LoadRepro.ApiTests;

public sealed class ComparisonTests
{
    [Fact]
    public async Task LeakAgainstFixed_FixHolds()
    {
        using var folder = new ReportsFolder();
        using var backstop = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var c = await LoadReproRunner.CompareAsync(
            Scenario.Load("close-wait-leak"), Scenario.Load("close-wait-fixed"), new RunOptions { ReportsFolder = folder.Path }, cancellationToken: backstop.Token);

        LoadReproAssert.FixHolds(c);
        Assert.True(c.Holds);
        Assert.Equal("fix", c.Story);
        Assert.Equal("close-wait-leak", c.A.Diagnosis);
        Assert.Equal("healthy", c.B!.Diagnosis);
        Assert.True(c.A.PeakCloseWait > c.B.PeakCloseWait, $"A {c.A.PeakCloseWait}, B {c.B.PeakCloseWait}");
        Assert.True(File.Exists(c.ReportPath), c.ReportPath);
        Assert.StartsWith(c.Directory, c.A.Directory, StringComparison.Ordinal);
    }

}
