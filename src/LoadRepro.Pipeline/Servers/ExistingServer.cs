using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Servers;

/// <summary>The user's own server, already running (<c>--target URL</c>, found by its port or named by <c>--target-pid</c>): watched, never started or stopped.</summary>
/// <param name="Target">The validated URL and PID.</param>
public sealed record ExistingServer(ExternalTarget Target) : IServerPlacement
{
    /// <inheritdoc />
    public TargetKind Kind => TargetKind.External;

    /// <inheritdoc />
    public string? ExternalName => $"{Target.Load.Url} (PID {string.Join(", ", Target.Pids)})";

    /// <summary>Null: the run does not start it from a command.</summary>
    string? IServerPlacement.Command => null;

    /// <inheritdoc />
    public string? Path => Target.Load.Path;

    /// <inheritdoc />
    public Task<ITargetProcess> StartAsync(ServerLaunch launch, CancellationToken ct) => Task.FromResult<ITargetProcess>(ExternalProcess.Watch(Target));
}
