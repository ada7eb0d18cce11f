namespace LoadRepro.Core.Judgement;

/// <summary>One of the two runs of a comparison; compare.json names it <c>a</c> or <c>b</c>.</summary>
public enum ComparisonSide
{
    /// <summary>The first run, the baseline.</summary>
    A,

    /// <summary>The second run, the candidate.</summary>
    B,
}
