namespace LoadRepro.ApiTests;

public sealed class BadRequestTests
{
    [Fact]
    public async Task RemoteUrl_IsRefusedBeforeAnythingRuns_AsAnArgumentException()
    {
        using var folder = new ReportsFolder();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => LoadReproRunner.RunAsync(
            Scenario.Load("close-wait-fixed"), RunTarget.RunningServer("http://192.0.2.10:8080/"), new RunOptions { ReportsFolder = folder.Path }));

        Assert.Contains("192.0.2.10", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task RateAndConcurrencyTogether_IsAnArgumentException()
    {
        using var folder = new ReportsFolder();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => LoadReproRunner.RunAsync(
            Scenario.Load("close-wait-fixed"), options: new RunOptions { Rate = 5, Concurrency = 5, ReportsFolder = folder.Path }));

        Assert.Contains("give one of them", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task MalformedGate_IsAnArgumentExceptionNamingIt()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => LoadReproRunner.RunAsync(
            Scenario.Load("close-wait-fixed"), options: new RunOptions { Expect = ["maxFdGrowth=lots"] }));

        Assert.Contains("maxFdGrowth", e.Message, StringComparison.Ordinal);
    }
}
