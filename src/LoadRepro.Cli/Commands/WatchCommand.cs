using System.CommandLine;
using LoadRepro.Cli.Terminal;
using LoadRepro.Cli.Watching;
using LoadRepro.Sampler.Sampling;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro watch --pid PID</c>: live descriptor and TCP-state figures of any process, with trends, projection and diagnosis.</summary>
public static class WatchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var pid = CliOptions.Count("--pid", "The process to watch (any process: yours, nginx, a JVM...).", 1, int.MaxValue);
        pid.Required = true;
        var port = CliOptions.Count("--port", "The port under test: TCP states are split into server side (local port) and client side (remote port). Default: none; the process's own sockets only.", 1, 65535);
        var interval = CliOptions.Duration("--interval", "Time between samples (default 250ms).", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        var duration = CliOptions.Duration("--duration", "Stop after this long (default 60s).", TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        var count = CliOptions.Count("--count", "Stop after this many samples (default: no limit).", 1, 10_000_000);
        var csv = new Option<string?>("--csv") { Description = "Write every sample to this file, in the samples.csv format of run reports." };
        var source = new Option<SocketSourceChoice>("--source")
        {
            Description = "Where TCP states are read from: auto (netlink sock_diag when it can reach the process's network namespace, else /proc), netlink, or proc (default auto).",
            DefaultValueFactory = _ => SocketSourceChoice.Auto,
        };
        var quiet = new Option<bool>("--quiet") { Description = "No live view: only the closing lines, with the time each sample took (for benchmarks)." };
        var command = new Command("watch", "Watch a running process: descriptors by kind, TCP states, sockstat, CPU, RSS and threads, with their trend per second, " +
            "the time left to the descriptor limit and a diagnosis. Stops after --duration, when the process exits, or on Ctrl-C.")
        {
            pid, port, interval, duration, count, csv, source, quiet,
        };
        command.SetAction(async (parse, _) =>
        {
            interruption.Start();
            var settings = new WatchSettings
            {
                Pid = parse.GetValue(pid)!.Value,
                Port = parse.GetValue(port) ?? 0,
                Interval = parse.GetValue(interval) ?? TimeSpan.FromMilliseconds(250),
                Duration = parse.GetValue(duration) ?? TimeSpan.FromSeconds(60),
                Count = parse.GetValue(count),
                CsvPath = parse.GetValue(csv),
                Source = parse.GetValue(source),
                Quiet = parse.GetValue(quiet),
            };
            if (!Directory.Exists($"/proc/{settings.Pid}"))
            {
                throw new UserFacingException($"no process with PID {settings.Pid}", ExitCodes.BadInput);
            }

            ProcessSampler sampler;
            try
            {
                sampler = new ProcessSampler(settings.Pid, settings.Port, settings.Source);
            }
            catch (InvalidOperationException e)
            {
                throw new UserFacingException(e.Message, ExitCodes.Environment, e);
            }

            using (sampler)
            {
                if (!sampler.Take(0, Core.Records.SamplePhase.Load).Alive)
                {
                    throw new UserFacingException($"cannot read /proc/{settings.Pid}/fd (not permitted, or the process just exited): run as the process's user or as root", ExitCodes.Environment);
                }

                IWatchView view = settings.Quiet || Console.IsOutputRedirected
                    ? new WatchPlainView(Console.Out, settings.Quiet)
                    : new WatchLiveView(settings.Pid);
                var ending = await new WatchSession(settings, view).RunAsync(sampler, interruption.Token);
                return ending == WatchSession.Ending.Interrupted ? ExitCodes.Interrupted : ExitCodes.Passed;
            }
        });
        return command;
    }
}
