using System.Runtime.InteropServices;

namespace LoadRepro.Core.Platform;

/// <summary>The few libc calls the harness needs, with errno turned into a message.</summary>
public static partial class Linux
{
    private const int RlimitNofile = 7;

    /// <summary>The process's RLIMIT_NOFILE (soft, hard).</summary>
    public static (long Soft, long Hard) GetFileLimit()
    {
        if (GetRlimit(RlimitNofile, out var lim) != 0)
        {
            throw new InvalidOperationException($"getrlimit(RLIMIT_NOFILE) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        return ((long)lim.Current, (long)lim.Max);
    }

    /// <summary>Sets the soft RLIMIT_NOFILE of this process, keeping the hard limit.</summary>
    /// <exception cref="InvalidOperationException">The kernel refused, with its reason.</exception>
    public static void SetSoftFileLimit(long soft)
    {
        var (_, hard) = GetFileLimit();
        var lim = new RLimit { Current = (ulong)soft, Max = (ulong)hard };
        if (SetRlimit(RlimitNofile, ref lim) != 0)
        {
            throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {soft}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Raises the soft descriptor limit to the hard limit, so this process is never the one that runs out.</summary>
    public static long RaiseSoftFileLimitToHard()
    {
        var (soft, hard) = GetFileLimit();
        if (soft < hard)
        {
            SetSoftFileLimit(hard);
        }

        return hard;
    }

    /// <summary>The parent's PID; 1 (or a subreaper) once the parent has died.</summary>
    public static int ParentPid() => GetPpid();

    /// <summary>
    /// The CPU time the calling thread has used, in nanoseconds (clock_gettime with CLOCK_THREAD_CPUTIME_ID); 0 if the clock
    /// cannot be read.
    /// </summary>
    public static long ThreadCpuNanoseconds() =>
        ClockGetTime(ThreadCpuClock, out var t) == 0 ? (t.Seconds * 1_000_000_000L) + t.Nanoseconds : 0;

    /// <summary>Sends a signal to a process; false when it does not exist.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>
    /// Reads a whole file with sequential read(2) calls into a growing buffer, as cat does; false when it cannot be
    /// opened. /proc seq files (net/tcp) are generated as they are read and report no size: reading them front to back
    /// in one pass, with no seeks, keeps to the one access pattern the kernel's iterators are written for.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="buffer">Where to read; replaced by <paramref name="grow"/> when the file is larger.</param>
    /// <param name="length">Bytes read.</param>
    /// <param name="grow">Given the full buffer, returns a larger one holding the same bytes.</param>
    public static unsafe bool TryReadSequential(string path, ref byte[] buffer, out int length, Func<byte[], byte[]> grow)
    {
        length = 0;
        var fd = Open(path, 0x80000 /* O_RDONLY | O_CLOEXEC */);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = grow(buffer);
                }

                nint n;
                fixed (byte* p = &buffer[length])
                {
                    n = Read(fd, p, buffer.Length - length);
                }

                if (n == 0)
                {
                    return true;
                }

                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4 /* EINTR */)
                    {
                        continue;
                    }

                    return false;
                }

                length += (int)n;
            }
        }
        finally
        {
            _ = CloseFd(fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, out RLimit rlim);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, ref RLimit rlim);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFd(int fd);

    private const int ThreadCpuClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetPpid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
