using System.Diagnostics;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Models;

namespace LoadRepro.Load.Loop;

/// <summary>
/// The open model on the event loop, with the rules of <see cref="RateModel"/>: arrivals on their schedule whatever the
/// server does, each taking a free slot (at most <c>slots</c> in flight), latency counted from the scheduled time; an
/// arrival that finds no free slot waits for one and counts late; arrivals due before the end that never started are late,
/// started only when a slot is free at once; then the requests in flight are drained within the bounds' drain timeout.
/// </summary>
internal sealed class OpenLoopModel : LoopModel
{
    private readonly Stack<LoopSlot> _free;
    private readonly ArrivalSchedule _schedule;
    private readonly int _slots;
    private readonly LoadBounds _bounds;
    private readonly int _depth;
    private readonly LoadMetrics _metrics;
    private long _start;
    private long _endAt;
    private double _next;
    private long _launched;
    private int _busy;
    private long _drainUntil = -1;

    public OpenLoopModel(int slots, LoadSettings settings, LoadBounds bounds, int depth, LoadMetrics metrics)
    {
        _slots = slots;
        _free = new Stack<LoopSlot>(slots);
        _schedule = new ArrivalSchedule(settings.Rate, settings.Stages);
        _bounds = bounds;
        _depth = depth;
        _metrics = metrics;
    }

    public override int Slots => _slots;

    public override void Open(IReadOnlyList<LoopSlot> slots, long now)
    {
        _start = now;
        _endAt = now + (long)(_bounds.Duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = slots.Count - 1; i >= 0; i--)
        {
            _free.Push(slots[i]);
        }

        _next = _schedule.Next();
    }

    public override long Turn(long now, ILoopStarts loop)
    {
        if (_drainUntil < 0)
        {
            StartDue(loop);
            now = Stopwatch.GetTimestamp();
            if (now >= _endAt || !ArrivalsLeft)
            {
                _drainUntil = now + (long)(_bounds.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
            }
        }

        if (_drainUntil >= 0)
        {
            return _busy == 0 || now >= _drainUntil ? -1 : MaxWaitTicks;
        }

        // An arrival due with every slot busy waits for a request to end, which wakes the loop anyway.
        var untilNext = At(_next) - now;
        return untilNext <= 0 ? MaxWaitTicks : Math.Min(untilNext, MaxWaitTicks);
    }

    public override void OnIdle(LoopSlot slot)
    {
        _busy--;
        _free.Push(slot);
    }

    private bool ArrivalsLeft => _next < _bounds.Duration.TotalSeconds && _launched < _bounds.MaxRequests;

    private void StartDue(ILoopStarts loop)
    {
        while (ArrivalsLeft)
        {
            var intended = At(_next);
            var now = Stopwatch.GetTimestamp();
            if (intended > now)
            {
                return;
            }

            if (now >= _endAt)
            {
                // Due before the end, never started: late; started now only when a slot is free at once.
                _metrics.OnLate();
                _launched += _depth;
                if (_free.TryPop(out var free))
                {
                    Launch(loop, free, intended);
                }

                _next = _schedule.Next();
                continue;
            }

            if (!_free.TryPop(out var slot))
            {
                return;
            }

            if (RateModel.IsLate(now, intended, _schedule.Interval))
            {
                _metrics.OnLate();
            }

            _launched += _depth;
            Launch(loop, slot, intended);
            _next = _schedule.Next();
        }
    }

    private void Launch(ILoopStarts loop, LoopSlot slot, long intended)
    {
        _busy++;
        loop.Start(slot, intended);
    }

    private long At(double seconds) => _start + (long)(seconds * Stopwatch.Frequency);
}
