using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Pipeline.Agents;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>run --agent URL [--agent-token T]</c>: the server is on another host, sampled there by <c>loadrepro agent</c>; read
/// into the run's server and sample placements (<see cref="AgentServer"/>, <see cref="AgentSamples"/>).
/// </summary>
public sealed class AgentRunOptions
{
    private AgentRunOptions()
    {
    }

    /// <summary><c>--agent URL</c>.</summary>
    public Option<string?> Url { get; } = new("--agent")
    {
        Description = "Take the server's samples from 'loadrepro agent' on its host at this URL (e.g. http://10.0.0.5:9465); needs --target. " +
            "The client side's sockets are read here, where the load runs; the clock offset between the hosts is measured and corrected.",
    };

    /// <summary><c>--agent-token T</c>.</summary>
    public Option<string?> Token { get; } = new("--agent-token")
    {
        Description = $"The agent's bearer token (or set {AgentCommand.TokenVariable}).",
    };

    /// <summary>Creates the options.</summary>
    public static AgentRunOptions Create() => new();

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>True when <c>--agent</c> was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(Url) is not null;

    /// <summary>Refuses what does not fit with <c>--agent</c>: no <c>--target</c>, a PID or command of this host, the lab.</summary>
    /// <exception cref="UserFacingException">They do not fit (exit 2).</exception>
    public void Check(ParseResult parse, TargetOptions target, bool inLab)
    {
        if (!Given(parse))
        {
            if (parse.GetValue(Token) is not null)
            {
                throw new UserFacingException("--agent-token is the token of --agent: add --agent URL");
            }

            return;
        }

        if (inLab)
        {
            throw new UserFacingException("--agent samples your server on its own host; the lab runs the embedded server in a namespace of its own: give one of them");
        }

        if (parse.GetValue(target.Url) is null)
        {
            throw new UserFacingException("--agent needs --target: the URL of the server the agent samples, e.g. --target http://10.0.0.5:8080/");
        }

        if (parse.GetValue(target.Pid) is not null || parse.GetValue(target.Command) is not null)
        {
            throw new UserFacingException("--agent samples the server on its host: drop --target-pid and --server-cmd, which name a process on this one");
        }
    }

    /// <summary>
    /// The server on the agent's host and the agent's samples: checks the target's URL and that it accepts a connection, that
    /// the agent answers with the token and samples a live target, and measures the clock offset.
    /// </summary>
    /// <exception cref="UserFacingException">Bad URL or a remote one without --allow-remote-target (exit 2); target or agent unreachable, token refused, no target (exit 3).</exception>
    public async Task<(AgentServer Server, AgentSamples Samples)> ResolveAsync(ParseResult parse, TargetOptions target, TimeSpan interval, CancellationToken ct)
    {
        var allowRemote = parse.GetValue(target.AllowRemote);
        var load = await ExternalTarget.ParseAsync(parse.GetValue(target.Url)!, allowRemote, parse.GetValue(target.Insecure), ct);
        var agentUrl = await AgentUrlAsync(parse.GetValue(Url)!, allowRemote, ct);
        await ExternalTarget.ProbeAsync(load.EndPoint, ct);
        await TlsProbe.CheckAsync(load, "--target", ct);
        var client = new AgentClient(agentUrl, parse.GetValue(Token) ?? NonEmpty(Environment.GetEnvironmentVariable(AgentCommand.TokenVariable)));
        try
        {
            var feed = await AgentFeed.OpenAsync(client, interval, ct);
            return (new AgentServer(load, feed), new AgentSamples(feed));
        }
        catch (AgentUnavailableException e)
        {
            client.Dispose();
            throw new UserFacingException($"--agent: {e.Message}", ExitCodes.Environment, e);
        }
    }

    private static async Task<Uri> AgentUrlAsync(string text, bool allowRemote, CancellationToken ct)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new UserFacingException($"--agent: '{text}' is not an http:// URL (e.g. http://127.0.0.1:9465)");
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException e)
        {
            throw new UserFacingException($"--agent: cannot resolve host '{uri.Host}'", ExitCodes.Environment, e);
        }

        if (!allowRemote && !addresses.All(IPAddress.IsLoopback))
        {
            throw new UserFacingException($"--agent: {uri.Host} is not a loopback address (127.0.0.0/8 or ::1); add --allow-remote-target if you really mean that host");
        }

        return uri;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
