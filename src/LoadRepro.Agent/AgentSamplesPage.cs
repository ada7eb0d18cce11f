namespace LoadRepro.Agent;

/// <summary>What <c>GET /samples?after=N</c> answers: the samples after N that the agent still keeps, and its clock now.</summary>
/// <param name="NowUnixMs">The agent host's UTC clock as it answered, in milliseconds since 1970 (for the clock offset).</param>
/// <param name="Pids">The processes sampled at the last sample.</param>
/// <param name="Port">The port whose sockets are counted.</param>
/// <param name="Samples">The samples, oldest first.</param>
public sealed record AgentSamplesPage(long NowUnixMs, IReadOnlyList<int> Pids, int Port, IReadOnlyList<AgentSample> Samples);
