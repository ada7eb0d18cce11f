using System.Net;

namespace LoadRepro.Agent;

/// <summary>What <c>loadrepro agent</c> samples and where it serves it. Validated by the command before it is built.</summary>
public sealed record AgentOptions
{
    /// <summary>The address and port the agent listens on (loopback unless the command allowed otherwise).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The port under test: the processes that listen on it are sampled, and found again if they restart.</summary>
    public int? TargetPort { get; init; }

    /// <summary>A process to sample instead of looking one up by port (its TCP states split by <see cref="TargetPort"/>, if given).</summary>
    public int? Pid { get; init; }

    /// <summary>The bearer token every request must carry; null: none asked (loopback only).</summary>
    public string? Token { get; init; }

    /// <summary>Time between samples (default 100 ms).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many samples the stream keeps for runs to pull (default 36,000: an hour at 10 Hz).</summary>
    public int Keep { get; init; } = 36_000;
}
