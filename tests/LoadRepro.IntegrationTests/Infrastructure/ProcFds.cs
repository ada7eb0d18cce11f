namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Counts a process's descriptors from /proc/PID/fd, independently of the project's sampler.</summary>
public static class ProcFds
{
    /// <summary>All open descriptors.</summary>
    public static int Count(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>The soft "Max open files" limit in /proc/PID/limits.</summary>
    public static int SoftLimit(int pid)
    {
        var line = File.ReadAllLines($"/proc/{pid}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        return int.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Descriptors that are sockets (their link reads socket:[inode]).</summary>
    public static int Sockets(int pid) => Matching(pid, t => t.StartsWith("socket:", StringComparison.Ordinal));

    /// <summary>Descriptors open on a file whose path ends with <paramref name="fileName"/>.</summary>
    public static int OnFile(int pid, string fileName) => Matching(pid, t => t.EndsWith("/" + fileName, StringComparison.Ordinal));

    private static int Matching(int pid, Func<string, bool> target)
    {
        var n = 0;
        foreach (var fd in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } link && target(link))
                {
                    n++;
                }
            }
            catch (IOException)
            {
                // Closed between listing and reading: not open any more.
            }
        }

        return n;
    }
}
