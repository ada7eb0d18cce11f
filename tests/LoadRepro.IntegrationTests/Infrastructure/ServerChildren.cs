using System.Globalization;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// Finds the <c>loadrepro server</c> processes a run started, by their <c>--parent-pid</c> argument in /proc/PID/cmdline:
/// that still names the run after the run died and the server was re-parented, which is exactly when it matters.
/// </summary>
public static class ServerChildren
{
    public static IReadOnlyList<int> Of(int runPid)
    {
        var want = runPid.ToString(CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // it exited while we looked
            }

            var at = Array.IndexOf(args, "--parent-pid");
            if (args.Contains("server") && at >= 0 && at + 1 < args.Length && args[at + 1] == want && !IsZombie(dir))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Waits until no server child of <paramref name="runPid"/> is left; true when none is.</summary>
    public static Task<bool> GoneAsync(int runPid, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Task.FromResult(Of(runPid).Count == 0), timeout);

    /// <summary>SIGKILLs whatever is left, so a failing test leaves nothing running.</summary>
    public static void KillAll(int runPid)
    {
        foreach (var pid in Of(runPid))
        {
            _ = LoadRepro.Core.Platform.Linux.Signal(pid, LoadRepro.Core.Platform.Linux.SigKill);
        }
    }

    private static bool IsZombie(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
