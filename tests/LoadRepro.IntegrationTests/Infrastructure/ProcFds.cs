namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Counts a process's descriptors from /proc/PID/fd, independently of the project's sampler.</summary>
public static class ProcFds
{
    /// <summary>All open descriptors.</summary>
    public static int Count(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>Descriptors that are sockets (their link reads socket:[inode]).</summary>
    public static int Sockets(int pid)
    {
        var n = 0;
        foreach (var fd in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
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
