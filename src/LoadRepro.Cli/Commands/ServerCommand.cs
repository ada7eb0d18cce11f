using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Core.Modes;
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
        var port = CliOptions.Count("--port", "Port on 127.0.0.1 for the endpoint under test; 0 picks a free one (default 0).", 0, 65535);
        var bug = new Option<string>("--bug")
        {
            Description = "The bug to switch on (default none):\n" +
                "  none                 correct behaviour\n" +
                "  ignore-peer-fin      never closes after the peer's FIN: CLOSE_WAIT grows until EMFILE\n" +
                "  hang-handler         /hang ignores RequestAborted and never answers\n" +
                "  leak-file            opens a file per request and never closes it\n" +
                "  slow-close           closes only seconds after the peer's FIN\n" +
                "  outbound-per-request a new HttpClient per request to a second endpoint",
            DefaultValueFactory = _ => "none",
        };
        var keepAlive = new Option<string>("--keep-alive")
        {
            Description = "Keep-alive mode: on, off (server closes first), forever, timeout=5s, max-requests=N (default on).",
            DefaultValueFactory = _ => "on",
        };
        var maxFds = CliOptions.Count("--max-fds", "Soft RLIMIT_NOFILE the server sets on itself at start (default: inherited).", ScenarioDefaults.MinMaxFds, 1 << 20);
        var logFile = new Option<string?>("--log-file") { Description = "Write the compact-JSON log to this file (default: stderr only)." };
        var parentPid = CliOptions.Count("--parent-pid", "Exit when this process is no longer the parent (used by loadrepro run).", 1, int.MaxValue);
        var command = new Command("server", "Run the controllable test server until stopped (Ctrl-C or SIGTERM).")
        {
            port, bug, keepAlive, maxFds, logFile, parentPid,
        };
        command.SetAction(async (parse, ct) =>
        {
            var bugText = parse.GetValue(bug)!;
            if (!ModeNames.TryParseBug(bugText, out var bugMode))
            {
                throw new UserFacingException($"--bug: '{bugText}' is not a bug mode ({string.Join(", ", ModeNames.BugNames)})");
            }

            if (!KeepAliveMode.TryParse(parse.GetValue(keepAlive)!, out var mode, out var error))
            {
                throw new UserFacingException($"--keep-alive: {error}");
            }

            if (parse.GetValue(maxFds) is { } limit && limit < StartDescriptors)
            {
                throw new UserFacingException(
                    $"--max-fds {limit} is below what the test server needs to start (about 180 descriptors for the runtime, Kestrel and its log); use at least {StartDescriptors}");
            }

            var options = new ServerOptions
            {
                Port = parse.GetValue(port) ?? 0,
                Bug = bugMode,
                KeepAlive = mode,
                MaxFds = parse.GetValue(maxFds),
                LogFile = parse.GetValue(logFile),
                ParentPid = parse.GetValue(parentPid),
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
                throw new UserFacingException($"port {options.Port} is busy: choose another with --port, or 0 for a free one", ExitCodes.Environment, e);
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
