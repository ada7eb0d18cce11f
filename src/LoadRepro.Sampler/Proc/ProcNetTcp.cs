using System.Buffers;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Sampler.Proc;

/// <summary>
/// Counts TCP sockets by state from /proc/PID/net/tcp and tcp6 (the process's own network namespace), split by side
/// and ownership (see <see cref="TcpTally"/>). TIME_WAIT sockets have no owner (inode 0), so the port, not the process,
/// attributes them. A TIME_WAIT minisocket prints its substate: an orphaned FIN_WAIT2 shows as 05, as in netlink.
/// </summary>
public sealed class ProcNetTcp : ITcpSocketSource
{
    private readonly string _tcp;
    private readonly string _tcp6;

    /// <summary>Reads the tables of <paramref name="pid"/>'s namespace.</summary>
    public ProcNetTcp(int pid)
    {
        _tcp = $"/proc/{pid}/net/tcp";
        _tcp6 = $"/proc/{pid}/net/tcp6";
    }

    /// <inheritdoc />
    public SocketSourceKind Kind => SocketSourceKind.Proc;

    /// <inheritdoc />
    public bool TryCount(int port, HashSet<ulong> ownedInodes, TcpTally tally)
    {
        var ok = CountFile(_tcp, port, ownedInodes, tally);
        ok |= CountFile(_tcp6, port, ownedInodes, tally);
        return ok;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Counts the lines of one tcp or tcp6 table (header line first).</summary>
    public static void CountLines(ReadOnlySpan<byte> table, int port, HashSet<ulong> ownedInodes, TcpTally tally)
    {
        var firstEnd = table.IndexOf((byte)'\n');
        var rest = firstEnd < 0 ? [] : table[(firstEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (TryParseLine(line, out var localPort, out var remotePort, out var state, out var inode))
            {
                tally.AddByPort(state, localPort, remotePort, port);
                tally.AddIfOwned(state, inode, ownedInodes);
            }
        }
    }

    /// <summary>Reads local port, remote port, state and inode of one line: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...".</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out int localPort, out int remotePort, out int state, out ulong inode)
    {
        localPort = remotePort = state = 0;
        inode = 0;
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
                    break;
                case 9:
                    inode = Decimal(token);
                    return localPort >= 0 && remotePort >= 0 && state > 0;
            }

            field++;
        }

        return false;
    }

    private static bool CountFile(string path, int port, HashSet<ulong> ownedInodes, TcpTally tally)
    {
        if (!ProcFile.TryRead(path, out var rented, out var length))
        {
            return false;
        }

        try
        {
            CountLines(rented.AsSpan(0, length), port, ownedInodes, tally);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int PortOf(ReadOnlySpan<byte> address)
    {
        var colon = address.LastIndexOf((byte)':');
        return colon < 0 ? -1 : Hex(address[(colon + 1)..]);
    }

    private static ulong Decimal(ReadOnlySpan<byte> digits)
    {
        ulong v = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return 0;
            }

            v = (v * 10) + (ulong)(b - '0');
        }

        return v;
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
