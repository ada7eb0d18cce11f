using System.Net;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Engine;

/// <summary>A <see cref="RunTarget"/> read into the placement of the run's server, checked before anything runs.</summary>
internal static class TargetResolver
{
    /// <summary>The placement; <paramref name="maxFds"/> is the limit a server the run starts gets.</summary>
    /// <exception cref="UserFacingException">The URL is malformed or not allowed (exit 2), or the running server cannot be reached (exit 3).</exception>
    public static async Task<IServerPlacement> ResolveAsync(RunTarget target, int? maxFds, CancellationToken ct)
    {
        if (target.Url is null)
        {
            return new EmbeddedServer(target.Port);
        }

        if (target.Command is null)
        {
            return new ExistingServer(await ExternalTarget.ResolveAsync(target.Url, target.Pid, target.AllowRemote, target.Insecure, ct));
        }

        var load = await ExternalTarget.ParseAsync(target.Url, target.AllowRemote, target.Insecure, ct);
        if (!IPAddress.IsLoopback(load.EndPoint.Address))
        {
            throw new UserFacingException($"{target.CommandOrigin} starts your server on this host, but {target.UrlOrigin} names {load.EndPoint.Address}: give a loopback URL (127.0.0.1 or [::1])");
        }

        return new CommandServer(target.Command, load, maxFds, target.ReadyTimeout ?? CommandServer.DefaultReadyTimeout);
    }

    /// <summary>Refuses a connection kind that cannot run over TLS (half-close) against an https:// URL, and --insecure without one.</summary>
    /// <exception cref="UserFacingException">It cannot (exit 2).</exception>
    public static void RefuseOverTls(RunTarget target, ConnectionKind connection)
    {
        var https = target.Url is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (https && ScenarioParser.TlsProblem(connection) is { } problem)
        {
            throw new UserFacingException($"{target.UrlOrigin} {target.Url}: load.connection: {problem}");
        }

        if (target.Insecure && !https)
        {
            throw new UserFacingException("--insecure applies to an https:// --target only (the embedded server's certificate is trusted by its hash)");
        }
    }
}
