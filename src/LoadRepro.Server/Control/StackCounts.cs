namespace LoadRepro.Server.Control;

/// <summary>A count for each of the two stacks.</summary>
public sealed record StackCounts(long Raw, long Http);
