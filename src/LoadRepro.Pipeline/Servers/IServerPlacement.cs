using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// Seam one of a run: where the server is. The embedded test server as a child on this host or in a namespace, or the user's
/// server already running; a server started from the user's command or watched by a remote agent fit here next.
/// </summary>
public interface IServerPlacement
{
    /// <summary>Our test server or the user's, as the run record says.</summary>
    TargetKind Kind { get; }

    /// <summary>The user's server in words for the start line (URL and PID); null for the embedded server.</summary>
    string? ExternalName { get; }

    /// <summary>The shell command the run starts the user's server with; null when the run does not start it from a command.</summary>
    string? Command { get; }

    /// <summary>The path the user's URL names; null for the scenario's own <c>load.path</c>.</summary>
    string? Path { get; }

    /// <summary>Starts (or finds) the server and returns it ready for load.</summary>
    /// <exception cref="UserFacingException">It did not start (exit 2 or 3).</exception>
    /// <exception cref="OperationCanceledException">The run was interrupted before the server was ready.</exception>
    Task<ITargetProcess> StartAsync(ServerLaunch launch, CancellationToken ct);
}
