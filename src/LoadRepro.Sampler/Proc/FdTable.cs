using LoadRepro.Sampler.Native;

namespace LoadRepro.Sampler.Proc;

/// <summary>
/// Counts a process's open descriptors by kind from the links in /proc/PID/fd, and collects the inodes of its sockets
/// (to tell which sockets of the namespace are the process's own). Walks the directory with readdir and readlinkat on
/// stack buffers: no allocation per descriptor, which matters when a leak has put thousands there.
/// </summary>
public sealed class FdTable
{
    private const int RegularFile = 0x8000;
    private const int Fifo = 0x1000;
    private const int SocketFile = 0xC000;

    private readonly string _dir;

    /// <summary>Reads the descriptor table of <paramref name="pid"/>.</summary>
    public FdTable(int pid) => _dir = $"/proc/{pid}/fd";

    /// <summary>Descriptor counts by kind; <see cref="Others"/> is every descriptor that is not a socket.</summary>
    public readonly record struct Counts(int Total, int Sockets, int Files, int Pipes, int AnonInodes, int OtherKinds)
    {
        /// <summary>Descriptors that are not sockets.</summary>
        public int Others => Total - Sockets;
    }

    /// <summary>Counts the descriptors; false when the process is gone or its table is not readable.</summary>
    /// <param name="counts">The counts.</param>
    /// <param name="socketInodes">Cleared, then filled with the inode of every socket descriptor.</param>
    public unsafe bool TryCount(out Counts counts, HashSet<ulong> socketInodes)
    {
        counts = default;
        socketInodes.Clear();
        var dir = LinuxCalls.OpenDir(_dir);
        if (dir == 0)
        {
            return false;
        }

        int total = 0, sockets = 0, files = 0, pipes = 0, anon = 0, other = 0;
        var target = stackalloc byte[256];
        try
        {
            var dirFd = LinuxCalls.DirFd(dir);
            byte* entry;
            while ((entry = LinuxCalls.ReadDir(dir)) != null)
            {
                var name = entry + LinuxCalls.DirentNameOffset;
                if (name[0] == (byte)'.')
                {
                    continue;
                }

                var n = (int)LinuxCalls.ReadLinkAt(dirFd, name, target, 256);
                if (n <= 0)
                {
                    // Closed between readdir and readlink: it is no longer open, so it is not counted.
                    continue;
                }

                total++;
                var link = new ReadOnlySpan<byte>(target, n);
                if (link.StartsWith("socket:["u8))
                {
                    sockets++;
                    socketInodes.Add(InodeOf(link["socket:[".Length..]));
                }
                else if (link.StartsWith("pipe:"u8))
                {
                    pipes++;
                }
                else if (link.StartsWith("anon_inode:"u8))
                {
                    anon++;
                }
                else if (link[0] == (byte)'/')
                {
                    // A path may name a regular file, a device, a directory or a FIFO: only the inode's type tells.
                    switch (LinuxCalls.FileType(dirFd, name))
                    {
                        case RegularFile:
                            files++;
                            break;
                        case Fifo:
                            pipes++;
                            break;
                        case SocketFile:
                            sockets++;
                            break;
                        default:
                            other++;
                            break;
                    }
                }
                else
                {
                    other++;
                }
            }
        }
        finally
        {
            _ = LinuxCalls.CloseDir(dir);
        }

        counts = new Counts(total, sockets, files, pipes, anon, other);
        return true;
    }

    private static ulong InodeOf(ReadOnlySpan<byte> digits)
    {
        ulong v = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            v = (v * 10) + (ulong)(b - '0');
        }

        return v;
    }
}
