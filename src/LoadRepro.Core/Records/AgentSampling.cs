namespace LoadRepro.Core.Records;

/// <summary>
/// Where a run's server-side samples came from when an agent on the server's host took them (<c>run --agent</c>): the agent,
/// the clock offset between its host and the run's and how it was measured, and when its samples stopped, if before the end.
/// </summary>
public sealed record AgentSampling
{
    /// <summary>The agent's URL.</summary>
    public required string Url { get; init; }

    /// <summary>The agent host's clock minus this host's, in milliseconds; samples were placed on the run's clock with it.</summary>
    public required double ClockOffsetMs { get; init; }

    /// <summary>The true offset is within this many milliseconds of <see cref="ClockOffsetMs"/>.</summary>
    public required double ClockOffsetBoundMs { get; init; }

    /// <summary>How the offset was measured, in words.</summary>
    public required string ClockMethod { get; init; }

    /// <summary>When the agent's samples stopped (seconds since the run started, the last one received); null when they went on to the end.</summary>
    public double? StoppedAtSeconds { get; init; }

    /// <summary>Why they stopped, in words; null when they did not.</summary>
    public string? StopReason { get; init; }
}
