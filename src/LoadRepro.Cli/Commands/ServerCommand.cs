using System.CommandLine;
using LoadRepro.Cli.Lab;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro server</c>: the test server as its own process.</summary>
public static class ServerCommand
{
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
        var listen = new Option<string>("--listen")
        {
            Description = "Address to listen on: 127.0.0.1 (default), another loopback address, or a lab address in 198.18.0.0/15.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("server", "Run the controllable test server until stopped (Ctrl-C or SIGTERM).")
        {
            port, bug, keepAlive, maxFds, logFile, parentPid, listen,
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

            var listenText = parse.GetValue(listen)!;
            if (!LabAddresses.TryParseListen(listenText, out var address))
            {
                throw new UserFacingException($"--listen: '{listenText}' is not a loopback address or a lab address in {LabAddresses.Network}");
            }

            var options = new ServerOptions
            {
                Address = address,
                Port = parse.GetValue(port) ?? 0,
                Bug = bugMode,
                KeepAlive = mode,
                MaxFds = parse.GetValue(maxFds),
                LogFile = parse.GetValue(logFile),
                ParentPid = parse.GetValue(parentPid),
            };
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
}
