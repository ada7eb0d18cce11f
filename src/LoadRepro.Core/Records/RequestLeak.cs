namespace LoadRepro.Core.Records;

/// <summary>How many of one kind of request's connections the server still held after the drain (<c>leaks.requests</c>).</summary>
public sealed record RequestLeak
{
    /// <summary>The kind of request that opened the connections, e.g. <c>POST /upload</c>.</summary>
    public required string Request { get; init; }

    /// <summary>Connections the client opened for it.</summary>
    public long Connections { get; init; }

    /// <summary>Of those, the server-side sockets still in CLOSE_WAIT after the drain.</summary>
    public int CloseWait { get; init; }

    /// <summary>Of those, the server-side sockets still ESTABLISHED after the drain.</summary>
    public int Established { get; init; }

    /// <summary>Sockets left of either state.</summary>
    public int Left => CloseWait + Established;
}
