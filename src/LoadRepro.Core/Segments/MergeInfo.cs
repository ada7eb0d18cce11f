namespace LoadRepro.Core.Segments;

/// <summary>What a merged record was made from (<c>loadrepro merge</c>): <c>merged</c> in summary.json.</summary>
public sealed record MergeInfo
{
    /// <summary>How many segments the scenario's load was split into.</summary>
    public required int Count { get; init; }

    /// <summary>The segments merged (1-based), in order.</summary>
    public required IReadOnlyList<int> Segments { get; init; }

    /// <summary>True when segments are missing: the record holds only part of the load.</summary>
    public bool Partial { get; init; }

    /// <summary>The run directories merged, by name, in segment order.</summary>
    public required IReadOnlyList<string> Runs { get; init; }

    /// <summary>The run directory whose server samples (descriptors, socket states) the record carries.</summary>
    public required string ServerSeriesFrom { get; init; }

    /// <summary>True when the latency percentiles come from the segments' histograms added together (<c>latency.hlog</c>).</summary>
    public bool LatencyMergedExactly { get; init; }
}
