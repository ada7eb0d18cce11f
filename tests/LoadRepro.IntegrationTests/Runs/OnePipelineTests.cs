using System.Globalization;
using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>A run on the host and the same run in the lab go through one pipeline: the same files, the same keys, the same series.</summary>
public sealed class OnePipelineTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task HostAndLabRuns_WriteTheSameFiles_TheSameTopLevelKeys_AndPerSecondClientRows()
    {
        using var hostReports = new TempFolder();
        using var labReports = new TempFolder();
        var host = await LoadReproCli.RunAsync(RunTimeout, "run", "http10-short", "--duration", "2500ms", "--out", hostReports.Path);
        var lab = await LoadReproCli.RunAsync(RunTimeout, "run", "http10-short@kernel-default", "--duration", "2500ms", "--out", labReports.Path);
        Assert.True(host.ExitCode == 0, $"host: exit {host.ExitCode}; stdout: {host.Stdout}; stderr: {host.Stderr}");
        Assert.True(lab.ExitCode == 0, $"lab: exit {lab.ExitCode}; stdout: {lab.Stdout}; stderr: {lab.Stderr}");
        var (hostDir, labDir) = (RunDirectoryReader.OnlyRun(hostReports.Path), RunDirectoryReader.OnlyRun(labReports.Path));

        Assert.Equal(Files(hostDir), Files(labDir));
        Assert.Contains("server.log", Files(hostDir));
        var (hostSummary, labSummary) = (RunDirectoryReader.Summary(hostDir), RunDirectoryReader.Summary(labDir));
        Assert.Equal(Keys(hostSummary), Keys(labSummary));
        foreach (var summary in new[] { hostSummary, labSummary })
        {
            var machine = summary.GetProperty("host");
            Assert.Equal(JsonValueKind.Object, machine.ValueKind);
            Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), machine.GetProperty("kernel").GetString());
        }

        Assert.Equal(JsonValueKind.Null, hostSummary.GetProperty("lab").ValueKind);
        Assert.Equal(JsonValueKind.Object, labSummary.GetProperty("lab").ValueKind);
        foreach (var (dir, summary) in new[] { (hostDir, hostSummary), (labDir, labSummary) })
        {
            // Two seconds and a half of load at 500/s: at least two full rows, and their answers add up to the summary's.
            var rows = ClientRows(dir);
            Assert.True(rows.Count >= 2, $"{dir}: {rows.Count} rows in client.csv");
            Assert.All(rows.Take(2), r => Assert.InRange(r.Ok, 250, 750));
            Assert.Equal(summary.GetProperty("client").GetProperty("requestsOk").GetInt64(), rows.Sum(r => r.Ok));
        }
    }

    private static List<string> Files(string dir) => Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private static List<string> Keys(JsonElement summary) => summary.EnumerateObject().Select(p => p.Name).ToList();

    private static List<(double Seconds, long Ok)> ClientRows(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "client.csv"));
        var header = lines[0].Split(',');
        var (seconds, ok) = (Array.IndexOf(header, "seconds"), Array.IndexOf(header, "ok"));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(c => (double.Parse(c[seconds], CultureInfo.InvariantCulture), long.Parse(c[ok], CultureInfo.InvariantCulture))).ToList();
    }
}
