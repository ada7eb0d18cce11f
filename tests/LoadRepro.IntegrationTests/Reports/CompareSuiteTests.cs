using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

public sealed class CompareSuiteTests
{
    [Fact]
    public async Task Suite_ComparesEachPair_AndWritesOneIndexLinkingThem()
    {
        using var reports = new TempFolder();
        using var suites = new TempFolder();
        var file = Path.Combine(suites.Path, "fixes.yaml");
        await File.WriteAllTextAsync(file, "name: fixes\ndescription: one pair, to keep the test short\npairs:\n  - [close-wait-leak, close-wait-fixed]\n");
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(150), "compare", "--suite", file, "--duration", "2s", "--out", reports.Path);

        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        var suite = RunDirectoryReader.OnlyRun(reports.Path);
        Assert.Matches(@"-suite-fixes$", suite);
        var index = File.ReadAllText(Path.Combine(suite, "index.html"));
        var links = Regex.Matches(index, "href=\"([^\"]+/compare.html)\"").Select(m => m.Groups[1].Value).ToList();
        var link = Assert.Single(links);
        Assert.True(File.Exists(Path.Combine(suite, link)), $"the index links {link}, which does not exist");
        Assert.Contains("close-wait-leak", index, StringComparison.Ordinal);
        Assert.Contains($"suite fixes: ", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(result.ExitCode == 0, !index.Contains(">FAIL<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownSuite_IsOneLineAndExit2_NamingTheKnownOnes()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "compare", "--suite", "nosuch", "--out", reports.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("loadrepro: unknown suite 'nosuch' (known: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(reports.Path));
    }

    [Fact]
    public async Task CompareWithOneSide_IsOneLineAndExit2()
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "compare", "close-wait-leak");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("compare needs two runs", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
