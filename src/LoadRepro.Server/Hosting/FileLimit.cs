using LoadRepro.Core.Platform;

namespace LoadRepro.Server.Hosting;

/// <summary>Sets the server's own soft RLIMIT_NOFILE, after the runtime has started (the runtime raises it to the hard limit at start).</summary>
public static class FileLimit
{
    /// <summary>Applies <paramref name="maxFds"/>; returns the limit in force.</summary>
    /// <exception cref="FileLimitException">The value is above the hard limit or below the descriptors already open.</exception>
    public static long Apply(int? maxFds)
    {
        var (soft, hard) = Linux.GetFileLimit();
        if (maxFds is not { } want)
        {
            return soft;
        }

        if (want > hard)
        {
            throw new FileLimitException($"--max-fds {want} is above the hard limit {hard}; use at most {hard} (or raise the hard limit with ulimit -Hn as root)");
        }

        var open = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        if (want < open + 16)
        {
            throw new FileLimitException($"--max-fds {want} is below what the server needs to start ({open} descriptors already open); use at least {open + 16}");
        }

        try
        {
            Linux.SetSoftFileLimit(want);
        }
        catch (InvalidOperationException e)
        {
            throw new FileLimitException(e.Message, e);
        }

        return want;
    }
}
