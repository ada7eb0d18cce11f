namespace LoadRepro.Core.Suites;

/// <summary>One comparison of a suite.</summary>
/// <param name="A">The baseline scenario: a name or a file.</param>
/// <param name="B">The candidate scenario: a name or a file.</param>
public sealed record SuitePair(string A, string B);
