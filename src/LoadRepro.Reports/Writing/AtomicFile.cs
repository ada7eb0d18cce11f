using System.Text;

namespace LoadRepro.Reports.Writing;

/// <summary>
/// Writes a file through a temporary file in the same folder, flushed to disk, then renamed over the target: rename(2)
/// within one file system is atomic, so a reader or a crash sees the old file or the new one, never half of one.
/// Every file of a run directory that the harness writes goes through here (the server's own log excepted, which
/// is appended as it goes).
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file, then puts it in place. If <paramref name="write"/> throws,
    /// the temporary file is removed and an existing <paramref name="path"/> is left as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var placed = false;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);

                // Without the flush to disk a power loss after the rename can leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            placed = true;
        }
        finally
        {
            if (!placed)
            {
                TryDelete(temp);
            }
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder itself has gone bad: the caller's exception says so; a stray temporary file is the lesser harm.
        }
    }
}
