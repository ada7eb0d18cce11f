using System.Diagnostics;

namespace LoadRepro.Load.Loop;

/// <summary>When the event loop starts requests: the closed model (<see cref="ClosedLoopModel"/>) or the open one (<see cref="OpenLoopModel"/>).</summary>
internal abstract class LoopModel
{
    /// <summary>The longest the loop waits for events between two turns: how late a timeout may be noticed.</summary>
    public static readonly long MaxWaitTicks = Stopwatch.Frequency / 100;

    /// <summary>How many slots the loop has: the most requests in flight.</summary>
    public abstract int Slots { get; }

    /// <summary>Takes the loop's slots, all idle, at <paramref name="now"/>, before the first turn.</summary>
    public abstract void Open(IReadOnlyList<LoopSlot> slots, long now);

    /// <summary>Starts what is due at <paramref name="now"/>; returns how long the loop may wait for events before the next turn (ticks), or -1 once the load is over.</summary>
    public abstract long Turn(long now, ILoopStarts loop);

    /// <summary>A request on <paramref name="slot"/> ended (answered, failed or timed out); its connection stays open when it can be reused.</summary>
    public abstract void OnIdle(LoopSlot slot);
}
