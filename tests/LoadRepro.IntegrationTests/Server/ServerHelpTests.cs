using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

public sealed class ServerHelpTests
{
    /// <summary>The bug modes the README and the scenarios name, with the stack each lives on: written here, not read from the code under test.</summary>
    private static readonly (string Mode, string Stack)[] BugModes =
    [
        ("none", "raw"),
        ("ignore-peer-fin", "raw"),
        ("slow-close", "raw"),
        ("hang-handler", "http"),
        ("leak-file", "http"),
        ("outbound-per-request", "http"),
    ];

    private static readonly string[] KeepAliveModes = ["on", "off", "timeout=5s", "max-requests=N", "forever"];

    [Fact]
    public async Task ServerHelp_DocumentsEveryModeInOneLine()
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "server", "--help");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        foreach (var (mode, stack) in BugModes)
        {
            var line = Assert.Single(lines, l => l.StartsWith(mode + " ", StringComparison.Ordinal));
            Assert.True(line.Length > mode.Length + 10, $"the help line of {mode} says nothing: '{line}'");
            Assert.Contains($"({stack})", line, StringComparison.Ordinal);
        }

        // No mode more than these: the lines between --bug and --keep-alive are the six above.
        var bugLines = lines.SkipWhile(l => !l.StartsWith("--bug ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("--keep-alive ", StringComparison.Ordinal));
        Assert.Equal(BugModes.Select(b => b.Mode).Order(StringComparer.Ordinal), bugLines.Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));

        foreach (var mode in KeepAliveModes)
        {
            var line = Assert.Single(lines, l => l.StartsWith(mode + " ", StringComparison.Ordinal));
            Assert.True(line.Length > mode.Length + 10, $"the help line of {mode} says nothing: '{line}'");
        }

        Assert.Contains("--control-port", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--slow-close", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--stack", result.Stdout, StringComparison.Ordinal);
    }
}
