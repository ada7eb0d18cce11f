namespace LoadRepro.Core.Records;

/// <summary>The kernel's TCP state numbers (<c>include/net/tcp_states.h</c>) and names.</summary>
public static class TcpStates
{
    /// <summary>The highest state number (TCP_CLOSING); arrays indexed by state have this length plus one.</summary>
    public const int Count = 11;

    /// <summary>TCP_ESTABLISHED.</summary>
    public const int Established = 1;

    /// <summary>TCP_TIME_WAIT.</summary>
    public const int TimeWait = 6;

    /// <summary>TCP_CLOSE_WAIT.</summary>
    public const int CloseWait = 8;

    /// <summary>TCP_LISTEN.</summary>
    public const int Listen = 10;

    /// <summary>The kernel's names, indexed by state number (index 0 unused).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"];
}
