using System.Net;
using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Servers;

/// <summary>The embedded test server started as a child of this process, on this host or inside a network namespace.</summary>
/// <param name="Port">Its port; 0 lets it pick a free one.</param>
/// <param name="Namespace">The network namespace to start it in; null for this process's own.</param>
/// <param name="Listen">The address it listens on; null for 127.0.0.1.</param>
public sealed record EmbeddedServer(int Port, string? Namespace = null, IPAddress? Listen = null) : IServerPlacement
{
    /// <inheritdoc />
    public TargetKind Kind => TargetKind.Embedded;

    /// <inheritdoc />
    public string? ExternalName => null;

    /// <summary>Null: the run does not start it from a command.</summary>
    string? IServerPlacement.Command => null;

    /// <inheritdoc />
    public string? Path => null;

    /// <inheritdoc />
    public async Task<ITargetProcess> StartAsync(ServerLaunch launch, CancellationToken ct) =>
        await ServerProcess.StartAsync(launch.Settings, Port, launch.LogFile, launch.Now, ct, Namespace, Listen);
}
