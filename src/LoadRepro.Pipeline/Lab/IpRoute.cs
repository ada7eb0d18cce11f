using System.Diagnostics;

namespace LoadRepro.Pipeline.Lab;

/// <summary>
/// Runs iproute2's <c>ip</c>: the lab's namespaces, links and sysctls. Each call is short and bounded; they run only while a lab
/// is set up or torn down (teardown also runs from the process-exit handler, which cannot await).
/// </summary>
public static class IpRoute
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Runs <c>ip ARGS</c> and returns its stdout.</summary>
    /// <exception cref="UserFacingException">ip is missing, failed or hung (exit 3, environment).</exception>
    public static string Run(params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new UserFacingException("the lab needs iproute2's 'ip' command, which could not be started: install iproute2", ExitCodes.Environment, e);
        }

        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(Bound))
            {
                p.Kill();
                throw new UserFacingException($"'ip {string.Join(' ', args)}' did not finish within {Bound.TotalSeconds:0} s", ExitCodes.Environment);
            }

            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new UserFacingException($"'ip {string.Join(' ', args)}' failed: {stderr.GetAwaiter().GetResult().Trim()}", ExitCodes.Environment);
            }

            return stdout.GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs <c>ip</c>, ignoring failure (teardown of something that may be gone already); true when it succeeded.</summary>
    public static bool TryRun(params string[] args)
    {
        try
        {
            Run(args);
            return true;
        }
        catch (UserFacingException)
        {
            return false;
        }
    }

    /// <summary>The network namespaces that exist.</summary>
    public static IReadOnlyList<string> Namespaces() =>
        Run("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    /// <summary>The interfaces of this namespace.</summary>
    public static IReadOnlyList<string> Links() =>
        Run("-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .Select(parts => parts[1].Trim().Split('@')[0])
            .ToList();

    /// <summary>The PIDs of the processes in a namespace.</summary>
    public static IReadOnlyList<int> Pids(string netns) =>
        TryRunOutput(["netns", "pids", netns]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.TryParse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();

    private static string TryRunOutput(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (UserFacingException)
        {
            return "";
        }
    }
}
