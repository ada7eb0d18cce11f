using System.Runtime.InteropServices;
using System.Text;

namespace LoadRepro.Sampler.Proc;

/// <summary>Counts a process's open descriptors by kind, reading the links in /proc/PID/fd.</summary>
public static partial class FdTable
{
    /// <summary>Descriptor counts by kind.</summary>
    public readonly record struct Counts(int Total, int Sockets, int Others);

    /// <summary>Counts the descriptors of <paramref name="pid"/>; false when the process is gone or not readable.</summary>
    public static bool TryCount(int pid, out Counts counts)
    {
        counts = default;
        var dir = $"/proc/{pid}/fd";
        int total = 0, sockets = 0;
        Span<byte> path = stackalloc byte[64];
        Span<byte> target = stackalloc byte[256];
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
            {
                total++;
                var len = Encoding.UTF8.GetBytes(entry, path[..^1]);
                path[len] = 0;
                var n = ReadLink(ref MemoryMarshal.GetReference(path), ref MemoryMarshal.GetReference(target), target.Length);
                if (n > 0 && target[..(int)n].StartsWith("socket:"u8))
                {
                    sockets++;
                }
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }

        counts = new Counts(total, sockets, total - sockets);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "readlink")]
    private static partial nint ReadLink(ref byte path, ref byte buffer, nint size);
}
