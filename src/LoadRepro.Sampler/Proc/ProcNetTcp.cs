using System.Buffers;

namespace LoadRepro.Sampler.Proc;

/// <summary>
/// Counts TCP sockets by state from /proc/PID/net/tcp and tcp6 (the process's own network namespace), split by
/// side: server side (local port = port under test) and client side (remote port = port under test).
/// TIME_WAIT sockets have no owner (inode 0), so the port, not the process, attributes them.
/// </summary>
public static class ProcNetTcp
{
    /// <summary>Adds each socket of <paramref name="pid"/>'s namespace to the counts, indexed by kernel state number.</summary>
    public static bool Count(int pid, int port, Span<int> serverSide, Span<int> clientSide)
    {
        var ok = CountFile($"/proc/{pid}/net/tcp", port, serverSide, clientSide);
        ok |= CountFile($"/proc/{pid}/net/tcp6", port, serverSide, clientSide);
        return ok;
    }

    private static bool CountFile(string path, int port, Span<int> serverSide, Span<int> clientSide)
    {
        if (!ProcFile.TryRead(path, out var rented, out var length))
        {
            return false;
        }

        try
        {
            CountLines(rented.AsSpan(0, length), port, serverSide, clientSide);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Counts the lines of one tcp or tcp6 table (header line first).</summary>
    public static void CountLines(ReadOnlySpan<byte> table, int port, Span<int> serverSide, Span<int> clientSide)
    {
        var firstEnd = table.IndexOf((byte)'\n');
        var rest = firstEnd < 0 ? [] : table[(firstEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (TryParseLine(line, out var localPort, out var remotePort, out var state) && state < serverSide.Length)
            {
                if (localPort == port)
                {
                    serverSide[state]++;
                }

                if (remotePort == port)
                {
                    clientSide[state]++;
                }
            }
        }
    }

    /// <summary>Reads local port, remote port and state of one line: "  sl  local_address rem_address   st ...".</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out int localPort, out int remotePort, out int state)
    {
        localPort = remotePort = state = 0;
        var field = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == (byte)' ')
            {
                i++;
            }

            var start = i;
            while (i < line.Length && line[i] != (byte)' ')
            {
                i++;
            }

            if (start == i)
            {
                break;
            }

            var token = line[start..i];
            switch (field)
            {
                case 1:
                    localPort = PortOf(token);
                    break;
                case 2:
                    remotePort = PortOf(token);
                    break;
                case 3:
                    state = Hex(token);
                    return localPort >= 0 && remotePort >= 0 && state > 0;
            }

            field++;
        }

        return false;
    }

    private static int PortOf(ReadOnlySpan<byte> address)
    {
        var colon = address.LastIndexOf((byte)':');
        return colon < 0 ? -1 : Hex(address[(colon + 1)..]);
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var v = 0;
        foreach (var b in digits)
        {
            var d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                _ => -1,
            };
            if (d < 0 || v > 0xFFFFFF)
            {
                return -1;
            }

            v = (v << 4) | d;
        }

        return v;
    }
}
