using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Pipeline.Lab;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Scenarios;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro server</c>: the test server as its own process.</summary>
public static class ServerCommand
{
    /// <summary>
    /// The fewest descriptors the server starts with: about 180 are open once the runtime, Kestrel and the log are up
    /// (measured here). Below this the start itself fails at EMFILE, with the runtime unable to load its own assemblies.
    /// </summary>
    public const int StartDescriptors = 200;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var port = CliOptions.Count("--port", "Port on 127.0.0.1 of the endpoint under test (the --stack's port); 0 picks a free one (default 0).", 0, 65535);
        var bug = new Option<string>("--bug")
        {
            Description = "The bug to switch on (default none); its stack's port is the port under test:\n" +
                "  none                 correct behaviour (raw)\n" +
                "  ignore-peer-fin      never closes after the peer's FIN: CLOSE_WAIT grows until EMFILE (raw)\n" +
                "  slow-close           closes only --slow-close seconds after the peer's FIN: a CLOSE_WAIT plateau (raw)\n" +
                "  hang-handler         /hang awaits a silent downstream with no token or timeout: each holds a connection (http)\n" +
                "  leak-file            every request opens a file and never closes it: descriptors grow, sockets don't (http)\n" +
                "  outbound-per-request every request calls a second endpoint with a new HttpClient: TIME_WAIT on the caller (http)",
            DefaultValueFactory = _ => "none",
        };
        var keepAlive = new Option<string>("--keep-alive")
        {
            Description = "Keep-alive mode, on both stacks (default on):\n" +
                "  on                   persistent connections, idle timeout 130 s (Kestrel's default)\n" +
                "  off                  answers 'Connection: close' and closes first: TIME_WAIT on the server\n" +
                "  timeout=5s           persistent, closed after this idle time\n" +
                "  max-requests=N       closes a connection after N requests\n" +
                "  forever              no idle timeout: idle connections stay ESTABLISHED\n" +
                "HTTP/1.0 requests without 'Connection: keep-alive' are always answered and closed by the server.",
            DefaultValueFactory = _ => "on",
        };
        var stack = new Option<string?>("--stack")
        {
            Description = "Which stack's port is the port under test: raw (our HTTP/1.x handler) or http (Kestrel's HTTP stack); default: the bug's own (shown above).",
        };
        var slowClose = CliOptions.Duration("--slow-close", "For slow-close: time between the peer's FIN and the server's close (default 5s).", TimeSpan.Zero, ScenarioDefaults.MaxSlowCloseDelay);
        var bugPath = new Option<string?>("--bug-path")
        {
            Description = "Put the bug on connections whose first request has this path only, e.g. /upload (ignore-peer-fin, slow-close; default: every connection).",
        };
        var tls = new Option<bool>("--tls")
        {
            Description = "Serve the port under test over TLS (Kestrel's HTTPS) with a self-signed ECDSA P-256 certificate for localhost made in memory at start; the readiness line ends with tlsSha256=HASH, the certificate's SHA-256.",
        };
        var controlPort = CliOptions.Count("--control-port", "Port on 127.0.0.1 of the control endpoint (GET/POST /modes, loopback callers only); 0 picks a free one (default 0).", 0, 65535);
        var maxFds = CliOptions.Count("--max-fds", "Soft RLIMIT_NOFILE the server sets on itself at start (default: inherited).", ScenarioDefaults.MinMaxFds, 1 << 20);
        var logFile = new Option<string?>("--log-file") { Description = "Write the compact-JSON log to this file (default: stderr only)." };
        var parentPid = CliOptions.Count("--parent-pid", "Exit when this process is no longer the parent (used by loadrepro run).", 1, int.MaxValue);
        var stopOnStdin = new Option<bool>("--stop-on-stdin") { Description = "Stop when standard input reads 'stop' or ends; a SIGTERM at the descriptor limit makes the .NET runtime abort (used by loadrepro run)." };
        var listen = new Option<string>("--listen")
        {
            Description = "Address to listen on: 127.0.0.1 (default), another loopback address, or a lab address in 198.18.0.0/15.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command(
            "server",
            "Run the controllable test server until stopped (Ctrl-C or SIGTERM). Prints one line when ready: READY port=N pid=P bug=B keepAlive=K maxFds=M stack=S rawPort=R httpPort=H controlPort=C outboundPort=O downstreamPort=D (and tlsSha256=HASH with --tls).")
        {
            port, bug, keepAlive, stack, slowClose, bugPath, tls, controlPort, maxFds, logFile, parentPid, stopOnStdin, listen,
        };
        command.SetAction(async (parse, ct) =>
        {
            var bugText = parse.GetValue(bug)!;
            if (!KebabNames.TryParse<BugMode>(bugText, out var bugMode))
            {
                throw new UserFacingException($"--bug: '{bugText}' is not a bug mode ({string.Join(", ", ModeNames.BugNames)})");
            }

            if (!KeepAliveMode.TryParse(parse.GetValue(keepAlive)!, out var mode, out var error))
            {
                throw new UserFacingException($"--keep-alive: {error}");
            }

            var bugPathText = parse.GetValue(bugPath);
            if (bugPathText is not null && (RequestPaths.Problem(bugPathText) ?? ModeNames.BugPathProblem(bugMode)) is { } pathProblem)
            {
                throw new UserFacingException($"--bug-path: {pathProblem}");
            }

            var listenText = parse.GetValue(listen)!;
            if (!LabAddresses.TryParseListen(listenText, out var address))
            {
                throw new UserFacingException($"--listen: '{listenText}' is not a loopback address or a lab address in {LabAddresses.Network}");
            }

            StackKind? stackChoice = null;
            if (parse.GetValue(stack) is { } stackText)
            {
                if (!KebabNames.TryParse<StackKind>(stackText, out var s))
                {
                    throw new UserFacingException($"--stack: '{stackText}' is not a stack (raw, http)");
                }

                stackChoice = s;
            }

            var fdLimit = parse.GetValue(maxFds);
            if (fdLimit is { } limit && limit < StartDescriptors)
            {
                throw new UserFacingException(
                    $"--max-fds {limit} is below what the test server needs to start (about 180 descriptors for the runtime, Kestrel and its log); use at least {StartDescriptors}");
            }

            var options = new ServerOptions
            {
                Settings = new ServerSettings
                {
                    Bug = bugMode,
                    KeepAlive = mode,
                    Stack = stackChoice,
                    SlowCloseDelay = parse.GetValue(slowClose) ?? ScenarioDefaults.SlowCloseDelay,
                    BugPath = bugPathText,
                    Tls = parse.GetValue(tls),
                    MaxFds = fdLimit ?? ScenarioDefaults.MaxFds,
                },
                ApplyMaxFds = fdLimit is not null,
                Address = address,
                Port = parse.GetValue(port) ?? 0,
                ControlPort = parse.GetValue(controlPort) ?? 0,
                LogFile = parse.GetValue(logFile),
                ParentPid = parse.GetValue(parentPid),
                StopOnStdin = parse.GetValue(stopOnStdin),
            };
            if (options.Port != 0 && !PortIsFree(options.Port))
            {
                // Checked before the host starts: a failed bind inside it is logged with a stack trace on stderr.
                throw new UserFacingException($"port {options.Port} is busy: choose another with --port, or 0 for a free one", ExitCodes.Environment);
            }

            try
            {
                await TestServerHost.RunAsync(options, Console.Out, ct);
            }
            catch (FileLimitException e)
            {
                throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
            }
            catch (Exception e) when (e is AddressInUseException || e.InnerException is AddressInUseException || e is IOException { InnerException: AddressInUseException })
            {
                throw new UserFacingException($"port {options.Port} or {options.ControlPort} is busy: choose others with --port and --control-port, or 0 for free ones", ExitCodes.Environment, e);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static bool PortIsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
