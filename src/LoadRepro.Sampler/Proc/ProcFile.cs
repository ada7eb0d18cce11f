using System.Buffers;
using LoadRepro.Core.Platform;

namespace LoadRepro.Sampler.Proc;

/// <summary>Reads a /proc file whole into a pooled buffer, with sequential reads (see <see cref="Linux.TryReadSequential"/>).</summary>
internal static class ProcFile
{
    /// <summary>Reads the file; the caller returns <paramref name="rented"/> to the shared pool. False when the file is gone.</summary>
    public static bool TryRead(string path, out byte[] rented, out int length)
    {
        rented = ArrayPool<byte>.Shared.Rent(64 * 1024);
        return Linux.TryReadSequential(path, ref rented, out length, Grow);
    }

    private static byte[] Grow(byte[] full)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(full.Length * 2);
        full.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(full);
        return bigger;
    }
}
