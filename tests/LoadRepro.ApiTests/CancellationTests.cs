namespace LoadRepro.ApiTests;

public sealed class CancellationTests
{
    [Fact]
    public async Task CancelledMidRun_KeepsAPartialResultWithItsReport()
    {
        using var folder = new ReportsFolder();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var progress = new InlineProgress(u =>
        {
            // Once the load has answered requests, stop the run, as Ctrl-C or a test's timeout would.
            if (u.Stage.StartsWith("under load", StringComparison.Ordinal) && u.RequestsOk > 0)
            {
                cts.Cancel();
            }
        });

        var r = await LoadReproRunner.RunAsync(
            Scenario.Load("close-wait-fixed"),
            options: new RunOptions { ReportsFolder = folder.Path, Duration = TimeSpan.FromSeconds(60) },
            progress: progress,
            cancellationToken: cts.Token);

        Assert.True(r.Interrupted);
        Assert.False(r.Passed);
        Assert.True(r.RequestsOk > 0);
        Assert.True(File.Exists(r.SummaryPath), r.SummaryPath);
        Assert.StartsWith(folder.Path, r.Directory, StringComparison.Ordinal);
        Assert.Contains("\"interrupted\": true", File.ReadAllText(r.SummaryPath), StringComparison.Ordinal);
        var e = Assert.Throws<LoadReproAssertionException>(() => LoadReproAssert.Holds(r));
        Assert.Contains("interrupted", e.Message, StringComparison.Ordinal);
    }
}
