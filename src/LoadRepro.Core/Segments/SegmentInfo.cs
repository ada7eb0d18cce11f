namespace LoadRepro.Core.Segments;

/// <summary>Which share of a scenario's load a run made (<c>run --segment i/n</c>): <c>segment</c> in summary.json.</summary>
public sealed record SegmentInfo
{
    /// <summary>The segment, 1 to <see cref="Count"/>.</summary>
    public required int Index { get; init; }

    /// <summary>How many segments the load is split into.</summary>
    public required int Count { get; init; }

    /// <summary>What this segment ran.</summary>
    public required LoadShare Share { get; init; }

    /// <summary>The whole scenario's load, which the <see cref="Count"/> shares add up to.</summary>
    public required LoadShare Whole { get; init; }
}
