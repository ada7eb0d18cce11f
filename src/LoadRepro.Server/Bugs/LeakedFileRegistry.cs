using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace LoadRepro.Server.Bugs;

/// <summary>
/// The leak-file bug: each request opens a file and keeps the handle in a list nobody ever empties (the "cache of open
/// readers" mistake). The list roots the handles, so the GC's finalizers cannot close them and the leak stays exact:
/// one descriptor per request, and no socket.
/// </summary>
public sealed class LeakedFileRegistry
{
    /// <summary>The file opened per request: the server's own assembly, which is always there and read-only.</summary>
    private static readonly string FilePath = typeof(LeakedFileRegistry).Assembly.Location;

    private readonly ConcurrentQueue<SafeFileHandle> _held = new();

    /// <summary>Files held open now.</summary>
    public int Count => _held.Count;

    /// <summary>Opens the file once more and never closes it.</summary>
    /// <exception cref="IOException">The open failed, e.g. with EMFILE once the leak reached the descriptor limit.</exception>
    public void Leak() => _held.Enqueue(File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));

    /// <summary>Closes every held file (a fix deployed at runtime, or shutdown); returns how many were closed.</summary>
    public int ReleaseAll()
    {
        var closed = 0;
        while (_held.TryDequeue(out var handle))
        {
            handle.Dispose();
            closed++;
        }

        return closed;
    }
}
