using System.Diagnostics;
using LoadRepro.Load.Models;

namespace LoadRepro.Load.Loop;

/// <summary>
/// The closed model on the event loop: each slot is a worker that starts its next request as soon as its last one ends,
/// until the duration or the request cap stops it (as <see cref="ConcurrencyModel"/> does with tasks).
/// </summary>
internal sealed class ClosedLoopModel(int workers, LoadBounds bounds, int depth) : LoopModel
{
    private readonly Queue<LoopSlot> _queue = new(workers);
    private long _end;
    private long _left;
    private int _active;

    public override int Slots => workers;

    public override void Open(IReadOnlyList<LoopSlot> slots, long now)
    {
        _end = now + (long)(bounds.Duration.TotalSeconds * Stopwatch.Frequency);
        _left = bounds.MaxRequests;
        _active = slots.Count;
        foreach (var slot in slots)
        {
            _queue.Enqueue(slot);
        }
    }

    public override long Turn(long now, ILoopStarts loop)
    {
        while (_queue.TryDequeue(out var slot))
        {
            var at = Stopwatch.GetTimestamp();
            if (at >= _end || (_left -= depth) < 0)
            {
                loop.Retire(slot);
                _active--;
                continue;
            }

            loop.Start(slot, at);
        }

        return _active == 0 ? -1 : MaxWaitTicks;
    }

    public override void OnIdle(LoopSlot slot) => _queue.Enqueue(slot);
}
