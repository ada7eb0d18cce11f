namespace LoadRepro.Load.Models;

/// <summary>What stops a load by itself: a duration and a request cap, whichever comes first.</summary>
public sealed record LoadBounds
{
    /// <summary>How long arrivals are started.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The most requests started.</summary>
    public required long MaxRequests { get; init; }

    /// <summary>How long to wait for requests still in flight after the last arrival: their own timeout bounds them.</summary>
    public required TimeSpan DrainTimeout { get; init; }
}
