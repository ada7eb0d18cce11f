using System.CommandLine;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// The options that say where the server is (<c>--target</c>, <c>--target-pid</c>, <c>--server-cmd</c>,
/// <c>--server-ready-timeout</c>, <c>--allow-remote-target</c>) and their one reading into a server placement.
/// </summary>
public sealed class TargetOptions
{
    private TargetOptions()
    {
    }

    /// <summary><c>--target URL</c>.</summary>
    public Option<string?> Url { get; } = new("--target")
    {
        Description = "Load your own HTTP server at this URL (e.g. http://127.0.0.1:8080/) instead of the embedded test server. On this host the processes that listen on its port are found and sampled; --target-pid names one instead; --server-cmd starts it.",
    };

    /// <summary><c>--target-pid PID</c>.</summary>
    public Option<int?> Pid { get; } = CliOptions.Count("--target-pid", "The PID of the server given by --target, whose descriptors and sockets are sampled (default: every process on this host that listens on the URL's port).", 1, int.MaxValue);

    /// <summary><c>--server-cmd "COMMAND"</c>.</summary>
    public Option<string?> Command { get; } = new("--server-cmd")
    {
        Description = "Start your server with this shell command before the load and stop it after (SIGTERM to its process group, SIGKILL after 5 s), under --max-fds; its output goes into server.log. Needs --target on this host.",
    };

    /// <summary><c>--server-ready-timeout</c>.</summary>
    public Option<TimeSpan?> ReadyTimeout { get; } = CliOptions.Duration("--server-ready-timeout", "How long the server started by --server-cmd (on compare, each of --server-cmd-a/-b) may take to accept its first connection (default 30s).", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));

    /// <summary><c>--allow-remote-target</c>.</summary>
    public Option<bool> AllowRemote { get; } = new("--allow-remote-target") { Description = "Allow a --target outside 127.0.0.0/8 and ::1 (refused by default, so no host is loaded by a typo)." };

    /// <summary><c>--insecure</c>.</summary>
    public Option<bool> Insecure { get; } = new("--insecure") { Description = "With an https:// --target: accept its TLS certificate even if it does not validate (self-signed, expired, another name). Refused by default, with one line naming the problem." };

    /// <summary>Creates the options.</summary>
    public static TargetOptions Create() => new();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[Url, Pid, Command, ReadyTimeout, AllowRemote, Insecure])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when the command line names the user's own server.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(Url) is not null || parse.GetValue(Command) is not null || parse.GetValue(Pid) is not null;

    /// <summary>
    /// Where the server is, for the API to resolve: the user's server as the options say (started by its command, named by PID,
    /// or found by its port), or null when none of them was given (the embedded server).
    /// </summary>
    /// <exception cref="UserFacingException">The options do not fit together (exit 2).</exception>
    public RunTarget? Read(ParseResult parse) =>
        Read(parse, new ServerCommandLine(Command.Name, parse.GetValue(Command)));

    /// <summary>
    /// Where the server is when its command comes from <paramref name="command"/> (e.g. <c>--server-cmd-a</c>, one build of two)
    /// instead of <c>--server-cmd</c>; the other options as given.
    /// </summary>
    /// <exception cref="UserFacingException">The options do not fit together (exit 2).</exception>
    public RunTarget? Read(ParseResult parse, ServerCommandLine command)
    {
        var (url, pid, option) = (parse.GetValue(Url), parse.GetValue(Pid), command.Option);
        if (url is null)
        {
            if (parse.GetValue(Insecure))
            {
                throw new UserFacingException("--insecure applies to an https:// --target only (the embedded server's certificate is trusted by its hash)");
            }

            return (pid, command.Text) switch
            {
                (null, null) => null,
                (_, not null) => throw new UserFacingException($"{option} needs --target: the URL your server will answer on, e.g. --target http://127.0.0.1:8080/"),
                _ => throw new UserFacingException("--target-pid needs --target: the URL to load"),
            };
        }

        if (command.Text is null)
        {
            return RunTarget.RunningServer(url, pid) with { AllowRemote = parse.GetValue(AllowRemote), Insecure = parse.GetValue(Insecure), UrlOrigin = Url.Name };
        }

        if (pid is not null)
        {
            throw new UserFacingException($"{option} starts the server and finds its processes itself: drop --target-pid");
        }

        return RunTarget.ServerCommand(url, command.Text, parse.GetValue(ReadyTimeout)) with
        {
            AllowRemote = parse.GetValue(AllowRemote),
            Insecure = parse.GetValue(Insecure),
            CommandOrigin = option,
            UrlOrigin = Url.Name,
        };
    }
}
