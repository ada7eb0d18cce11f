using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Server.Bugs;

/// <summary>
/// Keeps leaked connections rooted. A leak that is only an abandoned task gets rescued by the GC: finalizers close
/// the sockets, and the bug silently weakens (we measured about 65 of 300 kept). A real leak is held somewhere.
/// </summary>
public sealed class LeakedConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _held = new(StringComparer.Ordinal);
    private TaskCompletionSource _release = NewRelease();

    /// <summary>Connections held now.</summary>
    public int Count => _held.Count;

    /// <summary>Holds a connection until <see cref="ReleaseAll"/>; the task completes then.</summary>
    public Task HoldAsync(ConnectionContext connection)
    {
        _held[connection.ConnectionId] = connection;
        return _release.Task;
    }

    /// <summary>Lets every held connection go (server shutdown, or a fix deployed at runtime).</summary>
    public void ReleaseAll()
    {
        var old = Interlocked.Exchange(ref _release, NewRelease());
        _held.Clear();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
