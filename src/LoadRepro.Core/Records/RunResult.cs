namespace LoadRepro.Core.Records;

/// <summary>A finished run as its directory holds it: the record, the samples and the client's per-second series.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Record">The run record.</param>
/// <param name="Samples">The samples.</param>
/// <param name="Client">The client's per-second series; empty when the run has none.</param>
public sealed record RunResult(string Directory, RunRecord Record, IReadOnlyList<Sample> Samples, IReadOnlyList<ClientSecond> Client);
