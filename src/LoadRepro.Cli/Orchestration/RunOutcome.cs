using LoadRepro.Core.Records;

namespace LoadRepro.Cli.Orchestration;

/// <summary>A finished run: its record, its samples, the client's per-second series, and where its reports are.</summary>
public sealed record RunOutcome(RunRecord Record, IReadOnlyList<Sample> Samples, string Directory, IReadOnlyList<ClientSecond> Client);
