using LoadRepro.Core.Modes;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

public sealed class ServerHelpTests
{
    [Fact]
    public async Task ServerHelp_DocumentsEveryModeInOneLine()
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "server", "--help");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        string[] keepAliveModes = ["on", "off", "timeout=5s", "max-requests=N", "forever"];
        foreach (var mode in ModeNames.BugNames.Concat(keepAliveModes))
        {
            var line = Assert.Single(lines, l => l.StartsWith(mode + " ", StringComparison.Ordinal));
            Assert.True(line.Length > mode.Length + 10, $"the help line of {mode} says nothing: '{line}'");
        }

        Assert.Contains("--control-port", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--slow-close", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--stack", result.Stdout, StringComparison.Ordinal);
    }
}
