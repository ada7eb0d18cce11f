using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>Where a run's server-side samples came from when an agent took them, in the words every report uses.</summary>
public static class AgentSamplingText
{
    /// <summary>The sentences for <paramref name="agent"/>: the agent, the clock offset with its bound and method, and when the samples stopped.</summary>
    public static string Describe(AgentSampling agent)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The server-side samples were taken on the server's host by the agent at {agent.Url} and placed on this run's clock: the agent's clock was {Math.Abs(agent.ClockOffsetMs):0.###} ms {(agent.ClockOffsetMs < 0 ? "behind" : "ahead of")} this host's (± {agent.ClockOffsetBoundMs:0.###} ms; {agent.ClockMethod}). The client-side sockets were read on this host.");
        return agent.StopReason is null
            ? text
            : text + string.Create(CultureInfo.InvariantCulture, $" The agent's samples stopped at {agent.StoppedAtSeconds ?? 0:0.0} s: {agent.StopReason}; what follows in the run has no server-side figures.");
    }
}
