using System.Net;
using LoadRepro.Pipeline;
using LoadRepro.Pipeline.Agents;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Engine;

/// <summary>
/// A server on another host, sampled there by <c>loadrepro agent</c>: the target's URL and the agent checked, the agent's
/// samples opened (clock offset measured), read into the run's server and sample placements.
/// </summary>
internal static class AgentResolver
{
    /// <summary>Refuses what does not fit with an agent: no running server's URL, a PID or a command of this host, the lab.</summary>
    /// <exception cref="UserFacingException">They do not fit (exit 2).</exception>
    public static void Check(RunTarget target, bool inLab)
    {
        var agent = target.AgentOrigin;
        if (inLab)
        {
            throw new UserFacingException($"{agent} samples your server on its own host; the lab runs the embedded server in a namespace of its own: give one of them");
        }

        if (target.Url is null)
        {
            throw new UserFacingException($"{agent} needs {target.UrlOrigin}: the URL of the server the agent samples, e.g. {target.UrlOrigin} http://10.0.0.5:8080/");
        }

        if (target.Pid is not null || target.Command is not null)
        {
            throw new UserFacingException($"{agent} samples the server on its host: drop --target-pid and --server-cmd, which name a process on this one");
        }
    }

    /// <summary>The server on the agent's host and the agent's samples, taken every <paramref name="interval"/>.</summary>
    /// <exception cref="UserFacingException">Bad URL or a remote one not allowed (exit 2); target or agent unreachable, token refused, no target (exit 3).</exception>
    public static async Task<(AgentServer Server, AgentSamples Samples)> ResolveAsync(RunTarget target, TimeSpan interval, CancellationToken ct)
    {
        var load = await ExternalTarget.ParseAsync(target.Url!, target.AllowRemote, target.Insecure, ct);
        var agentUrl = await AgentUrlAsync(target.Agent!, target.AgentOrigin, target.AllowRemote, ct);
        await ExternalTarget.ProbeAsync(load.EndPoint, ct);
        await TlsProbe.CheckAsync(load, target.UrlOrigin, ct);
        var client = new AgentClient(agentUrl, target.AgentToken ?? (Environment.GetEnvironmentVariable(AgentClient.TokenVariable) is { Length: > 0 } set ? set : null));
        try
        {
            var feed = await AgentFeed.OpenAsync(client, interval, ct);
            return (new AgentServer(load, feed), new AgentSamples(feed));
        }
        catch (AgentUnavailableException e)
        {
            client.Dispose();
            throw new UserFacingException($"{target.AgentOrigin}: {e.Message}", ExitCodes.Environment, e);
        }
    }

    private static async Task<Uri> AgentUrlAsync(string text, string origin, bool allowRemote, CancellationToken ct)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new UserFacingException($"{origin}: '{text}' is not an http:// URL (e.g. http://127.0.0.1:9465)");
        }

        var addresses = await ExternalTarget.AddressesOfAsync(uri, origin, ct);
        if (!allowRemote && !addresses.All(IPAddress.IsLoopback))
        {
            throw new UserFacingException($"{origin}: {uri.Host} is not a loopback address (127.0.0.0/8 or ::1); add --allow-remote-target if you really mean that host");
        }

        return uri;
    }
}
