using LoadRepro.Core.Records;

namespace LoadRepro.Cli.Orchestration;

/// <summary>A finished run: its record, its samples, and where its reports are.</summary>
public sealed record RunOutcome(RunRecord Record, IReadOnlyList<Sample> Samples, string Directory);
