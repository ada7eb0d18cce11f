using System.Buffers;

namespace LoadRepro.Sampler.Proc;

/// <summary>Reads a /proc file whole into a pooled buffer (proc files report no size, so it grows as it reads).</summary>
internal static class ProcFile
{
    /// <summary>Reads the file; the caller returns <paramref name="rented"/> to the shared pool. False when the file is gone.</summary>
    public static bool TryRead(string path, out byte[] rented, out int length)
    {
        rented = ArrayPool<byte>.Shared.Rent(64 * 1024);
        length = 0;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            while (true)
            {
                if (length == rented.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(rented.Length * 2);
                    rented.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = bigger;
                }

                var n = RandomAccess.Read(handle, rented.AsSpan(length), length);
                if (n == 0)
                {
                    return true;
                }

                length += n;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
