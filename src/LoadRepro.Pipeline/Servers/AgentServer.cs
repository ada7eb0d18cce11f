using LoadRepro.Core.Records;
using LoadRepro.Load.Engine;
using LoadRepro.Pipeline.Agents;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's server on another host (<c>run --target URL --agent AGENT_URL</c>): already running, loaded from here, sampled
/// by the agent on its host. Never started or stopped by the run.
/// </summary>
/// <param name="Target">Where the load connects.</param>
/// <param name="Feed">The agent's stream, already open.</param>
public sealed record AgentServer(LoadTarget Target, AgentFeed Feed) : IServerPlacement
{
    /// <inheritdoc />
    public TargetKind Kind => TargetKind.External;

    /// <inheritdoc />
    public string? ExternalName => $"{Target.Url} (PID {string.Join(", ", Feed.Pids)} on the agent's host, sampled by the agent at {Feed.Url})";

    /// <summary>Null: the run does not start it.</summary>
    string? IServerPlacement.Command => null;

    /// <inheritdoc />
    public string? Path => Target.Path;

    /// <inheritdoc />
    public Task<ITargetProcess> StartAsync(ServerLaunch launch, CancellationToken ct) => Task.FromResult<ITargetProcess>(new AgentWatchedProcess(Target, Feed));
}
