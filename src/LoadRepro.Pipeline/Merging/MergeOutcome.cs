using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Merging;

/// <summary>A merged run and what the user should be told about it.</summary>
/// <param name="Run">The merged run, as written to its directory.</param>
/// <param name="Warnings">One line each: a partial load, percentiles that could not be merged exactly.</param>
public sealed record MergeOutcome(RunResult Run, IReadOnlyList<string> Warnings);
