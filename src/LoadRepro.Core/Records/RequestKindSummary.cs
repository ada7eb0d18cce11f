namespace LoadRepro.Core.Records;

/// <summary>What the client measured for one kind of request (<c>client.requests</c>): e.g. <c>POST /upload</c>.</summary>
public sealed record RequestKindSummary
{
    /// <summary>The method and the path, e.g. <c>POST /upload</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its weight in the mix (1 for a single kind).</summary>
    public int Weight { get; init; } = 1;

    /// <summary>Requests of this kind answered with a complete 2xx response.</summary>
    public long RequestsOk { get; init; }

    /// <summary>Requests of this kind that failed, any reason.</summary>
    public long RequestsFailed { get; init; }

    /// <summary>Connections whose first request was of this kind.</summary>
    public long ConnectionsOpened { get; init; }

    /// <summary>Latency of its successful requests from their intended start, in milliseconds.</summary>
    public LatencySummary LatencyMs { get; init; } = new();
}
