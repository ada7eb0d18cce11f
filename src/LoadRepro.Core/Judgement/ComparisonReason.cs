namespace LoadRepro.Core.Judgement;

/// <summary>One check behind a verdict.</summary>
/// <param name="Text">The finding, with its numbers.</param>
/// <param name="Ok">Whether it speaks for the claim; null for a neutral finding.</param>
public sealed record ComparisonReason(string Text, bool? Ok);
