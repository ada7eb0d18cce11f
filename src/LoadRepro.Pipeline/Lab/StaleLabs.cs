namespace LoadRepro.Pipeline.Lab;

/// <summary>Finds labs left by runs that were killed (SIGKILL, a crash) and removes them: their owner PID is gone or is not loadrepro.</summary>
public static class StaleLabs
{
    /// <summary>Removes every stale lab; returns the names removed.</summary>
    public static IReadOnlyList<string> Clean()
    {
        var namespaces = IpRoute.Namespaces();
        var links = IpRoute.Links();
        var stale = namespaces.Concat(links)
            .Select(n => (Name: n, Owner: LabNames.OwnerOf(n)))
            .Where(x => x.Owner is { } pid && !IsLiveRun(pid))
            .ToList();
        foreach (var owner in stale.Select(x => x.Owner!.Value).Distinct())
        {
            LabEnvironment.RemoveAll(new LabNames(owner), namespaces, links);
        }

        return stale.Select(x => x.Name).ToList();
    }

    /// <summary>True when <paramref name="pid"/> is a running loadrepro (this program, as an apphost or through dotnet).</summary>
    private static bool IsLiveRun(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("loadrepro", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
