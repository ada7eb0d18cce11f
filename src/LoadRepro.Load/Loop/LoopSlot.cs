using LoadRepro.Load.Http;

namespace LoadRepro.Load.Loop;

/// <summary>
/// One request in flight at a time inside the event loop (a worker of the closed model, a slot of the open one): its connection (one descriptor at a time), the request it is
/// making and how far it got. Owned by the loop's thread alone.
/// </summary>
internal sealed class LoopSlot(int index) : IDisposable
{
    /// <summary>Its place in the loop's table, the low half of its epoll tag.</summary>
    public int Index { get; } = index;

    /// <summary>The connection's descriptor; -1 when it has none.</summary>
    public int Fd { get; set; } = -1;

    /// <summary>Counts the slot's connections: the high half of its epoll tag, so a stale event of a closed one is dropped.</summary>
    public uint Connection { get; set; }

    /// <summary>Where it stands.</summary>
    public SlotState State { get; set; } = SlotState.Idle;

    /// <summary>Reads the connection's answers; kept across connections.</summary>
    public ResponseReader Reader { get; } = new();

    /// <summary>The kind of request being made.</summary>
    public int Kind { get; set; }

    /// <summary>When the request started (<see cref="System.Diagnostics.Stopwatch"/> timestamp): its latency counts from here.</summary>
    public long IntendedStart { get; set; }

    /// <summary>When the request times out (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long Deadline { get; set; }

    /// <summary>Bytes of the request sent so far.</summary>
    public int Sent { get; set; }

    /// <summary>Answers read of this execution (the pipeline's depth in all).</summary>
    public int Answered { get; set; }

    /// <summary>The connection carried an earlier request: a failure before any byte of the answer may be a stale connection.</summary>
    public bool Reused { get; set; }

    /// <summary>0, or 1 when the request is being retried on a new connection.</summary>
    public int Attempt { get; set; }

    /// <summary>The tag epoll reports the current connection's events with.</summary>
    public ulong Tag => ((ulong)Connection << 32) | (uint)Index;

    /// <inheritdoc />
    public void Dispose() => Reader.Dispose();
}
