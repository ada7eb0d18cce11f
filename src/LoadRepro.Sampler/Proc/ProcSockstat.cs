using System.Buffers;
using System.Buffers.Text;
using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Proc;

/// <summary>Reads the TCP line of /proc/PID/net/sockstat: "TCP: inuse N orphan N tw N alloc N mem N".</summary>
public static class ProcSockstat
{
    /// <summary>The TCP totals; <see cref="SockstatCounts.Empty"/> when unreadable.</summary>
    public static SockstatCounts Read(string sockstatPath)
    {
        if (!ProcFile.TryRead(sockstatPath, out var rented, out var length))
        {
            return SockstatCounts.Empty;
        }

        try
        {
            return Parse(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses the file's text; missing keys read as 0.</summary>
    public static SockstatCounts Parse(ReadOnlySpan<byte> text)
    {
        var at = text.IndexOf("\nTCP: "u8);
        if (at < 0)
        {
            return SockstatCounts.Empty;
        }

        var line = text[(at + "\nTCP: ".Length)..];
        var end = line.IndexOf((byte)'\n');
        line = end < 0 ? line : line[..end];
        return new SockstatCounts
        {
            InUse = Value(line, "inuse "u8),
            Orphan = Value(line, "orphan "u8),
            TimeWait = Value(line, "tw "u8),
            Alloc = Value(line, "alloc "u8),
            MemPages = Value(line, "mem "u8),
        };
    }

    private static int Value(ReadOnlySpan<byte> line, ReadOnlySpan<byte> key)
    {
        var at = line.IndexOf(key);
        return at >= 0 && Utf8Parser.TryParse(line[(at + key.Length)..], out int v, out _) ? v : 0;
    }
}
