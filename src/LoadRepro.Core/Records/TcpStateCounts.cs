namespace LoadRepro.Core.Records;

/// <summary>TCP sockets counted by state, named as the kernel names them (ESTABLISHED, TIME_WAIT...).</summary>
public sealed record TcpStateCounts
{
    /// <summary>ESTABLISHED.</summary>
    public int Established { get; init; }

    /// <summary>SYN_SENT.</summary>
    public int SynSent { get; init; }

    /// <summary>SYN_RECV.</summary>
    public int SynRecv { get; init; }

    /// <summary>FIN_WAIT1.</summary>
    public int FinWait1 { get; init; }

    /// <summary>FIN_WAIT2.</summary>
    public int FinWait2 { get; init; }

    /// <summary>TIME_WAIT.</summary>
    public int TimeWait { get; init; }

    /// <summary>CLOSE.</summary>
    public int Close { get; init; }

    /// <summary>CLOSE_WAIT.</summary>
    public int CloseWait { get; init; }

    /// <summary>LAST_ACK.</summary>
    public int LastAck { get; init; }

    /// <summary>LISTEN.</summary>
    public int Listen { get; init; }

    /// <summary>CLOSING.</summary>
    public int Closing { get; init; }

    /// <summary>No sockets.</summary>
    public static TcpStateCounts Empty { get; } = new();

    /// <summary>Every state's count, in kernel order (the numbering of <c>include/net/tcp_states.h</c>, from 1).</summary>
    public int[] ToKernelOrder() =>
        [Established, SynSent, SynRecv, FinWait1, FinWait2, TimeWait, Close, CloseWait, LastAck, Listen, Closing];

    /// <summary>Builds counts from an array indexed by the kernel's state number (1 = ESTABLISHED ... 11 = CLOSING).</summary>
    public static TcpStateCounts FromKernelOrder(ReadOnlySpan<int> byState) => new()
    {
        Established = byState[1],
        SynSent = byState[2],
        SynRecv = byState[3],
        FinWait1 = byState[4],
        FinWait2 = byState[5],
        TimeWait = byState[6],
        Close = byState[7],
        CloseWait = byState[8],
        LastAck = byState[9],
        Listen = byState[10],
        Closing = byState[11],
    };

    /// <summary>The larger of each state's count.</summary>
    public TcpStateCounts Max(TcpStateCounts other) => Combine(other, Math.Max);

    /// <summary>Each state's count added to <paramref name="other"/>'s.</summary>
    public TcpStateCounts Plus(TcpStateCounts other) => Combine(other, static (a, b) => a + b);

    private TcpStateCounts Combine(TcpStateCounts other, Func<int, int, int> pick)
    {
        // ToKernelOrder starts at state 1; FromKernelOrder indexes by state number, so slot 0 stays unused.
        var (mine, theirs) = (ToKernelOrder(), other.ToKernelOrder());
        var byState = new int[mine.Length + 1];
        for (var i = 0; i < mine.Length; i++)
        {
            byState[i + 1] = pick(mine[i], theirs[i]);
        }

        return FromKernelOrder(byState);
    }
}
