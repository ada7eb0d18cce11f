namespace LoadRepro.Core.Segments;

/// <summary>The figures of a load that are split between segments: arrivals per second, workers or connections, and the request cap.</summary>
public sealed record LoadShare
{
    /// <summary>Arrivals per second (rate model).</summary>
    public int Rate { get; init; }

    /// <summary>Workers (closed model) or connections (keep-alive, idle-hold).</summary>
    public int Concurrency { get; init; }

    /// <summary>The most requests started.</summary>
    public int MaxRequests { get; init; }
}
