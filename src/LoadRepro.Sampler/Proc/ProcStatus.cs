using System.Buffers;
using System.Buffers.Text;

namespace LoadRepro.Sampler.Proc;

/// <summary>Reads a process's soft descriptor limit (/proc/PID/limits) and CPU time (/proc/PID/stat).</summary>
public static class ProcStatus
{
    /// <summary>Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on every Linux this runs on).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The soft "Max open files" limit; null when unreadable.</summary>
    public static int? SoftFileLimit(int pid)
    {
        if (!ProcFile.TryRead($"/proc/{pid}/limits", out var rented, out var length))
        {
            return null;
        }

        try
        {
            var text = rented.AsSpan(0, length);
            var at = text.IndexOf("Max open files"u8);
            if (at < 0)
            {
                return null;
            }

            var rest = text[(at + "Max open files".Length)..].TrimStart((byte)' ');
            return Utf8Parser.TryParse(rest, out int soft, out _) ? soft : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>User plus system CPU time in clock ticks; null when the process is gone.</summary>
    public static long? CpuTicks(int pid)
    {
        if (!ProcFile.TryRead($"/proc/{pid}/stat", out var rented, out var length))
        {
            return null;
        }

        try
        {
            // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
            var text = rented.AsSpan(0, length);
            var close = text.LastIndexOf((byte)')');
            if (close < 0)
            {
                return null;
            }

            var rest = text[(close + 2)..];
            long utime = 0, stime = 0;
            for (var field = 3; field <= 15 && !rest.IsEmpty; field++)
            {
                var sp = rest.IndexOf((byte)' ');
                var token = sp < 0 ? rest : rest[..sp];
                if (field == 14)
                {
                    _ = Utf8Parser.TryParse(token, out utime, out _);
                }
                else if (field == 15)
                {
                    _ = Utf8Parser.TryParse(token, out stime, out _);
                }

                rest = sp < 0 ? [] : rest[(sp + 1)..];
            }

            return utime + stime;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
