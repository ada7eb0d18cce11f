namespace LoadRepro.Load.Models;

/// <summary>Counts requests in flight, bounded, and lets the model wait for them all to finish.</summary>
internal sealed class InFlight : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _capacity;

    public InFlight(int capacity)
    {
        _capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public bool TryEnter() => _slots.Wait(0);

    public Task EnterAsync(CancellationToken ct) => _slots.WaitAsync(ct);

    public void Exit() => _slots.Release();

    /// <summary>Waits until nothing is in flight, or the timeout passes.</summary>
    public async Task WaitAllAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var taken = 0;
        try
        {
            for (; taken < _capacity; taken++)
            {
                await _slots.WaitAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (taken > 0)
            {
                _slots.Release(taken);
            }
        }
    }

    public void Dispose() => _slots.Dispose();
}
