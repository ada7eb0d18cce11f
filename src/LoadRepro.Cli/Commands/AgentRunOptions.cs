using System.CommandLine;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>run --agent URL [--agent-token T]</c>: the server is on another host, sampled there by <c>loadrepro agent</c>; read
/// into the run's target for the API, which places its server and samples there.
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

    /// <summary>
    /// <paramref name="target"/> sampled through the agent <c>--agent</c> names, with its token; the API checks that they fit
    /// (a running server's URL, not the lab) and opens the agent's samples.
    /// </summary>
    /// <exception cref="UserFacingException"><c>--agent-token</c> without <c>--agent</c> (exit 2).</exception>
    public RunTarget Apply(ParseResult parse, RunTarget target)
    {
        if (!Given(parse))
        {
            return parse.GetValue(Token) is null ? target : throw new UserFacingException("--agent-token is the token of --agent: add --agent URL");
        }

        return target with { Agent = parse.GetValue(Url), AgentToken = parse.GetValue(Token) is { Length: > 0 } token ? token : null, AgentOrigin = Url.Name, UrlOrigin = "--target" };
    }
}
