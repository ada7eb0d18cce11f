using System.CommandLine;
using System.Globalization;
using System.Net;
using LoadRepro.Agent;
using LoadRepro.Cli.Terminal;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro agent</c>: samples a server on this host and serves its figures to Prometheus and to runs.</summary>
public static class AgentCommand
{
    /// <summary>The environment variable that may hold the token instead of <c>--token</c> (kept out of process listings).</summary>
    public const string TokenVariable = LoadRepro.Pipeline.Agents.AgentClient.TokenVariable;

    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "ADDR:PORT to serve on (default 127.0.0.1:9465; port 0 picks a free one, printed when ready). An address other than loopback needs --allow-remote and a token.",
            DefaultValueFactory = _ => "127.0.0.1:9465",
        };
        var targetPort = CliOptions.Count("--target-port", "The port under test: the processes listening on it are sampled (found again if they restart), and its TCP sockets are counted by state and side.", 1, 65535);
        var pid = CliOptions.Count("--pid", "Sample this process instead of the listeners of --target-port.", 1, int.MaxValue);
        var interval = CliOptions.Duration("--interval", "Time between samples (default 100ms).", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow --listen on an address other than loopback (a token is then required)." };
        var token = new Option<string?>("--token") { Description = $"Every request must carry 'Authorization: Bearer TOKEN' (or set {TokenVariable}); without it: 401." };
        var command = new Command("agent", "Sample a server on this host and serve GET /metrics (Prometheus text format: descriptors by kind and limit per process, " +
            "TCP sockets of the port by state and side) and GET /samples?after=N (JSON, for runs on other hosts), until Ctrl-C or SIGTERM.")
        {
            listen, targetPort, pid, interval, allowRemote, token,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new AgentOptions
            {
                Listen = Endpoint(parse.GetValue(listen)!),
                TargetPort = parse.GetValue(targetPort),
                Pid = parse.GetValue(pid),
                Token = parse.GetValue(token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable)),
                Interval = parse.GetValue(interval) ?? TimeSpan.FromMilliseconds(100),
            };
            Validate(options, parse.GetValue(allowRemote));
            interruption.Start();
            try
            {
                await AgentHost.RunAsync(options, url => Console.WriteLine(ReadyLine(url, options)), ct);
            }
            catch (IOException e)
            {
                throw new UserFacingException($"--listen {options.Listen}: {e.Message}", ExitCodes.Environment, e);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static void Validate(AgentOptions options, bool allowRemote)
    {
        if (options.TargetPort is null && options.Pid is null)
        {
            throw new UserFacingException("agent: give --target-port PORT (the server's listening port) or --pid PID", ExitCodes.BadInput);
        }

        if (options.Pid is { } p && !Directory.Exists($"/proc/{p}"))
        {
            throw new UserFacingException($"--pid: no process with PID {p}", ExitCodes.BadInput);
        }

        if (!IPAddress.IsLoopback(options.Listen.Address))
        {
            if (!allowRemote)
            {
                throw new UserFacingException($"--listen {options.Listen}: not a loopback address; add --allow-remote (and a token) to serve other hosts", ExitCodes.BadInput);
            }

            if (options.Token is null)
            {
                throw new UserFacingException($"--listen {options.Listen}: serving other hosts needs a token (--token or {TokenVariable})", ExitCodes.BadInput);
            }
        }
    }

    private static IPEndPoint Endpoint(string text) =>
        text.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(text, out var endpoint)
            ? endpoint
            : throw new UserFacingException($"--listen: '{text}' is not ADDR:PORT (e.g. 127.0.0.1:9465)", ExitCodes.BadInput);

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string ReadyLine(Uri url, AgentOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"AGENT listening on {url} target {(options.Pid is { } p ? $"pid={p}" : $"port={options.TargetPort}")} interval={options.Interval.TotalMilliseconds}ms token={(options.Token is null ? "none" : "required")}");
}
