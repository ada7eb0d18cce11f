using System.Globalization;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>
/// A run's sampling thread yields to the load and the server it watches: the kernel shows it at nice 10 while the load's
/// event loop runs at the process's own priority.
/// </summary>
public sealed class WatcherPriorityTests
{
    [Fact]
    public async Task DuringARun_TheSamplingThread_RunsAtNice10_AndTheLoadLoop_AtTheProcesssOwn()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "http11-keepalive", "--duration", "3s", "--out", reports.Path);
        var seen = new Dictionary<string, int>();
        Assert.True(
            await Eventually.HoldsAsync(() => Task.FromResult(ReadNices(run.Pid, seen) && seen.ContainsKey("sampling") && seen.ContainsKey("load loop")), TimeSpan.FromSeconds(60)),
            $"threads seen: {string.Join(", ", seen.Keys)}; stdout: {run.Stdout}");
        var processNice = NiceOf($"/proc/{run.Pid}/stat");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Equal(processNice + 10, seen["sampling"]);
        Assert.Equal(processNice, seen["load loop"]);
    }

    /// <summary>Adds the nice value of each thread of <paramref name="pid"/> by name; false once the process is gone.</summary>
    private static bool ReadNices(int pid, Dictionary<string, int> seen)
    {
        if (!Directory.Exists($"/proc/{pid}/task"))
        {
            return false;
        }

        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                seen[File.ReadAllText(Path.Combine(task, "comm")).Trim()] = NiceOf(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return true;
    }

    /// <summary>Field 19 of a stat file: the fields after the command's closing parenthesis start at field 3.</summary>
    private static int NiceOf(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }
}
