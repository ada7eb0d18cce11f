using LoadRepro.Core.Records;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's own server, started by the run from their command (<c>--server-cmd</c>) and stopped at its end: the path a CI
/// job takes to validate a build before deploy.
/// </summary>
/// <param name="Command">The shell command line that starts the server.</param>
/// <param name="Target">Where it will accept connections: the <c>--target</c> URL (loopback).</param>
/// <param name="MaxFds">The soft descriptor limit it is started under; null keeps the harness's.</param>
/// <param name="ReadyTimeout">How long it may take to accept its first connection.</param>
public sealed record CommandServer(string Command, LoadTarget Target, int? MaxFds, TimeSpan ReadyTimeout) : IServerPlacement
{
    /// <summary>How long a server command may take to accept its first connection unless told otherwise.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public TargetKind Kind => TargetKind.External;

    /// <inheritdoc />
    public string? ExternalName => $"{Target.Url} started by '{Command}'";

    /// <inheritdoc />
    public string? Path => Target.Path;

    /// <inheritdoc />
    public async Task<ITargetProcess> StartAsync(ServerLaunch launch, CancellationToken ct) =>
        await CommandProcess.StartAsync(Command, Target, MaxFds, launch.LogFile, ReadyTimeout, ct);
}
