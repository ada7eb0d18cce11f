using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Proc;

/// <summary>
/// Finds the processes that hold a listening TCP socket on a port in this network namespace: the socket's inode from
/// /proc/self/net/tcp{,6}, then every /proc/PID/fd that links to it. A pre-fork server (nginx, gunicorn, php-fpm) holds one
/// listener in several processes; a wrapper (a shell, <c>dotnet run</c>) leaves it to a child: all of them are found.
/// </summary>
public static class ListeningProcesses
{
    /// <summary>The PIDs, in order, that hold a socket listening on <paramref name="port"/>; empty when none is visible to this process.</summary>
    public static IReadOnlyList<int> Find(int port)
    {
        var listeners = ListenerInodes(port);
        if (listeners.Count == 0)
        {
            return [];
        }

        var pids = new List<int>();
        var inodes = new HashSet<ulong>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            // A process that exits meanwhile, or one we may not read, simply holds nothing we can see.
            if (new FdTable(pid).TryCount(out _, inodes) && inodes.Overlaps(listeners))
            {
                pids.Add(pid);
            }
        }

        pids.Sort();
        return pids;
    }

    private static HashSet<ulong> ListenerInodes(int port)
    {
        var inodes = new HashSet<ulong>();
        foreach (var table in (string[])["/proc/self/net/tcp", "/proc/self/net/tcp6"])
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(table);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var line in lines.Skip(1))
            {
                if (ProcNetTcp.TryParseLine(System.Text.Encoding.ASCII.GetBytes(line), out var localPort, out _, out var state, out var inode) &&
                    state == TcpStates.Listen && localPort == port && inode != 0)
                {
                    inodes.Add(inode);
                }
            }
        }

        return inodes;
    }
}
