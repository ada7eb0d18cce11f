using System.Buffers;
using System.Buffers.Text;

namespace LoadRepro.Sampler.Proc;

/// <summary>Reads a process's descriptor limits (/proc/PID/limits), and its CPU time, threads and RSS (/proc/PID/stat).</summary>
public static class ProcStatus
{
    /// <summary>Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on every Linux this runs on).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>What /proc/PID/stat says: CPU time (user + system) in clock ticks, thread count, resident pages.</summary>
    public readonly record struct StatFigures(long CpuTicks, int Threads, long RssPages);

    /// <summary>The soft and hard "Max open files" limits; false when unreadable. "unlimited" reads as <see cref="int.MaxValue"/>.</summary>
    public static bool TryReadFileLimits(string limitsPath, out int soft, out int hard)
    {
        soft = hard = 0;
        if (!ProcFile.TryRead(limitsPath, out var rented, out var length))
        {
            return false;
        }

        try
        {
            var text = rented.AsSpan(0, length);
            var at = text.IndexOf("Max open files"u8);
            if (at < 0)
            {
                return false;
            }

            var rest = text[(at + "Max open files".Length)..].TrimStart((byte)' ');
            if (!TryLimit(rest, out soft, out var used))
            {
                return false;
            }

            return TryLimit(rest[used..].TrimStart((byte)' '), out hard, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads /proc/PID/stat; false when the process is gone or a zombie.</summary>
    public static bool TryReadStat(string statPath, out StatFigures figures)
    {
        figures = default;
        if (!ProcFile.TryRead(statPath, out var rented, out var length))
        {
            return false;
        }

        try
        {
            // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
            var text = rented.AsSpan(0, length);
            var close = text.LastIndexOf((byte)')');
            if (close < 0 || close + 2 > text.Length)
            {
                return false;
            }

            var rest = text[(close + 2)..];
            if (rest.IsEmpty || rest[0] is (byte)'Z' or (byte)'X')
            {
                // A zombie has released its descriptors and memory: for the sampler it is gone.
                return false;
            }

            long utime = 0, stime = 0, threads = 0, rss = 0;
            for (var field = 3; field <= 24 && !rest.IsEmpty; field++)
            {
                var sp = rest.IndexOf((byte)' ');
                var token = sp < 0 ? rest : rest[..sp];
                switch (field)
                {
                    case 14:
                        _ = Utf8Parser.TryParse(token, out utime, out _);
                        break;
                    case 15:
                        _ = Utf8Parser.TryParse(token, out stime, out _);
                        break;
                    case 20:
                        _ = Utf8Parser.TryParse(token, out threads, out _);
                        break;
                    case 24:
                        _ = Utf8Parser.TryParse(token, out rss, out _);
                        break;
                }

                rest = sp < 0 ? [] : rest[(sp + 1)..];
            }

            figures = new StatFigures(utime + stime, (int)threads, rss);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryLimit(ReadOnlySpan<byte> text, out int value, out int used)
    {
        if (text.StartsWith("unlimited"u8))
        {
            value = int.MaxValue;
            used = "unlimited".Length;
            return true;
        }

        if (Utf8Parser.TryParse(text, out long v, out used))
        {
            value = (int)Math.Min(v, int.MaxValue);
            return true;
        }

        value = 0;
        return false;
    }
}
