namespace LoadRepro.Core.Judgement;

/// <summary>The comparison's verdict.</summary>
public sealed record ComparisonVerdict
{
    /// <summary>The verdict in one sentence.</summary>
    public required string Headline { get; init; }

    /// <summary>True when the claim holds (the fix holds), false when it does not; null when the story makes no claim.</summary>
    public bool? Holds { get; init; }

    /// <summary>The checks or findings behind it, one sentence each.</summary>
    public IReadOnlyList<ComparisonReason> Reasons { get; init; } = [];
}
