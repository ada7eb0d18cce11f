using System.Collections.Concurrent;

namespace LoadRepro.Load.Connections;

/// <summary>
/// A fixed number of persistent connections: a request rents one (waiting when all are busy), uses it, and gives it
/// back, or gives back nothing when the connection ended so that the next renter opens a new one.
/// </summary>
/// <typeparam name="T">The pooled connection.</typeparam>
internal sealed class ConnectionPool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<T> _idle = new();

    public ConnectionPool(int size) => _slots = new SemaphoreSlim(size, size);

    /// <summary>Waits for a free slot; returns an idle connection, or null when the renter must open one.</summary>
    public async ValueTask<T?> RentAsync(CancellationToken ct)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            await _slots.WaitAsync(ct);
        }

        return _idle.TryPop(out var c) ? c : null;
    }

    /// <summary>Frees the slot, keeping <paramref name="connection"/> for the next renter when it is still usable.</summary>
    public void Return(T? connection)
    {
        if (connection is not null)
        {
            _idle.Push(connection);
        }

        _slots.Release();
    }

    /// <summary>Closes every idle connection.</summary>
    public void Dispose()
    {
        while (_idle.TryPop(out var c))
        {
            c.Dispose();
        }

        _slots.Dispose();
    }
}
