using System.Collections.Concurrent;

namespace LoadRepro.Load.Connections;

/// <summary>
/// Idle connections kept open after their one request (idle-hold): each is closed when its hold ends or when the run
/// ends, whichever comes first. Holding is the client's state, not more load, so it goes on through the drain: that is
/// where a server without an idle timeout shows its pile.
/// </summary>
public sealed class HeldConnections : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ClientConnection, Task> _held = new();
    private readonly CancellationTokenSource _release = new();

    /// <summary>Connections held now.</summary>
    public int Count => _held.Count;

    /// <summary>Keeps <paramref name="connection"/> open for <paramref name="hold"/>, then closes it.</summary>
    public void Hold(ClientConnection connection, TimeSpan hold) => _held[connection] = CloseAfterAsync(connection, hold);

    /// <summary>Closes every connection still held.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_release.IsCancellationRequested)
        {
            await _release.CancelAsync();
        }

        await Task.WhenAll(_held.Values);
        _release.Dispose();
    }

    private async Task CloseAfterAsync(ClientConnection connection, TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, _release.Token);
        }
        catch (OperationCanceledException)
        {
        }

        connection.Dispose();
        _held.TryRemove(connection, out _);
    }
}
