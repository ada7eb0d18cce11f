using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Deployment;

/// <summary>
/// docker-compose.yml run for real by <c>scripts/compose-test</c>: images built here, the leak run in containers, and
/// Prometheus's own HTTP API (not our report) showing the server's descriptors grow. Afterwards nothing of it runs.
/// </summary>
public sealed partial class ComposeRunTests
{
    private static readonly string Root = Path.GetDirectoryName(LoadReproCli.ScenariosFolder)!;

    [ComposeFact]
    public async Task ComposeUp_ReachesEmfileInContainers_PrometheusSeesTheLeak_AndDownLeavesNothing()
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "scripts", "compose-test")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(14)))
        {
            try
            {
                await script.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM, not SIGKILL: the script's trap takes compose down and stops its dockerd.
                Process.Start("kill", ["-TERM", script.Id.ToString(CultureInfo.InvariantCulture)]).WaitForExit();
                await script.WaitForExitAsync();
            }
        }

        var output = await stdout + await stderr;
        Assert.True(script.ExitCode == 0, $"compose-test exited {script.ExitCode}:\n{output}");

        var report = ReportLine().Match(output);
        Assert.True(report.Success, output);
        Assert.Equal("close-wait-leak", report.Groups["diagnosis"].Value);
        Assert.Equal("true", report.Groups["reached"].Value);

        var series = PrometheusLine().Match(output);
        Assert.True(series.Success, output);
        var before = double.Parse(series.Groups["before"].Value, CultureInfo.InvariantCulture);
        var peak = double.Parse(series.Groups["peak"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(before, 100, 400);
        Assert.InRange(peak, before + 300, 1024);
        Assert.Matches(NothingLeftLine(), output);

        Assert.Empty(await OwnDockerdsAsync());
        Assert.DoesNotContain("loadrepro-compose.", await File.ReadAllTextAsync("/proc/mounts"), StringComparison.Ordinal);
    }

    private static async Task<string> OwnDockerdsAsync()
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-af", "dockerd.*loadrepro-compose"]) { RedirectStandardOutput = true })!;
        var text = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        return text.Trim();
    }

    [GeneratedRegex(@"diagnosis (?<diagnosis>[a-z-]+), EMFILE reached (?<reached>true|false)")]
    private static partial Regex ReportLine();

    [GeneratedRegex(@"process_open_fds (?<before>[0-9.]+) -> (?<peak>[0-9.]+)")]
    private static partial Regex PrometheusLine();

    [GeneratedRegex(@"after down: 0 containers, 0 networks, 0 volumes")]
    private static partial Regex NothingLeftLine();
}
