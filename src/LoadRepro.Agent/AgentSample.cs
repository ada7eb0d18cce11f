using LoadRepro.Core.Records;

namespace LoadRepro.Agent;

/// <summary>One sample in the agent's stream: its sequence number, the agent's wall clock when it was taken, and the reading.</summary>
/// <param name="Seq">1, 2, 3... in the order taken; a run asks for those after the last it has.</param>
/// <param name="UnixMs">The agent host's UTC clock at the sample, in milliseconds since 1970 (a run corrects for the offset between the hosts).</param>
/// <param name="Sample">The reading; its seconds count from the agent's start.</param>
public sealed record AgentSample(long Seq, long UnixMs, Sample Sample);
