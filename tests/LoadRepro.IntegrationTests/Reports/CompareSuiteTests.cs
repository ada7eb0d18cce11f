using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

public sealed class CompareSuiteTests
{
    [Fact]
    public async Task Suite_ComparesEachPair_WritesOneIndexLinkingThem_AndFailsWhenAPairFailsItsGates()
    {
        using var reports = new TempFolder();
        using var suites = new TempFolder();
        var file = Path.Combine(suites.Path, "fixes.yaml");
        await File.WriteAllTextAsync(file, "name: fixes\ndescription: one pair, to keep the test short\npairs:\n  - [close-wait-leak, close-wait-fixed]\n");
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(150), "compare", "--suite", file, "--duration", "500ms", "--out", reports.Path);

        // close-wait-leak's gate exhaustion: true cannot hold in 0.5 s: 1000 leaked connections a second make 500 descriptors,
        // short of the ~830 left under its limit of 1024. So the pair, and the suite, fail: exit 1, and that gate says why.
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Contains("gate A exhaustion failed: expected true, got false", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("suite fixes: 0 of 1 comparisons passed", result.Stdout, StringComparison.Ordinal);
        var suite = RunDirectoryReader.OnlyRun(reports.Path);
        Assert.Matches(@"-suite-fixes$", suite);
        var index = File.ReadAllText(Path.Combine(suite, "index.html"));
        var links = Regex.Matches(index, "href=\"([^\"]+/compare.html)\"").Select(m => m.Groups[1].Value).ToList();
        var link = Assert.Single(links);
        Assert.True(File.Exists(Path.Combine(suite, link)), $"the index links {link}, which does not exist");
        Assert.Contains("close-wait-leak", index, StringComparison.Ordinal);
        Assert.Contains(">FAIL<", index, StringComparison.Ordinal);
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
