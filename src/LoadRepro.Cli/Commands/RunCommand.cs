using System.CommandLine;
using LoadRepro.Cli.Terminal;
using LoadRepro.Cli.Orchestration;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro run NAME|FILE</c>: one scenario end to end.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario name (see 'loadrepro list') or a path to a scenario YAML file." };
        var duration = CliOptions.Duration("--duration", "How long the load runs (overrides the scenario), e.g. 10s.", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration);
        var rate = CliOptions.Count("--rate", "Arrivals per second; switches to the rate (open) model.", 1, ScenarioDefaults.MaxRate);
        var concurrency = CliOptions.Count("--concurrency", "Workers; switches to the concurrency (closed) model.", 1, ScenarioDefaults.MaxConcurrency);
        var maxFds = CliOptions.Count("--max-fds", "The server's soft descriptor limit (overrides the scenario; default 1024).", ScenarioDefaults.MinMaxFds, 1 << 20);
        var drain = CliOptions.Duration("--drain", "How long to keep sampling after the load stops, e.g. 3s.", TimeSpan.Zero, ScenarioDefaults.MaxDrain);
        var port = CliOptions.Count("--port", "The server's port on 127.0.0.1 (default: a free one).", 0, 65535);
        var output = new Option<string?>("--out") { Description = "Folder for the run's report directory (default: reports/ beside scenarios/)." };
        var expect = ExpectOption.Create();
        var command = new Command("run", "Run a scenario: start the test server, drive load, sample, and write a report. Exit 0 when every gate held, 1 when one failed.")
        {
            scenario, duration, rate, concurrency, maxFds, drain, port, output, expect,
        };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(rate) is not null && parse.GetValue(concurrency) is not null)
            {
                throw new UserFacingException("--rate and --concurrency choose different load models: give one of them");
            }

            var catalog = ScenarioCatalog.Locate();
            ScenarioDefinition s;
            try
            {
                s = catalog.Resolve(parse.GetValue(scenario)!);
            }
            catch (ScenarioException e)
            {
                throw new UserFacingException(e.Message, e);
            }

            s = s with
            {
                Server = s.Server with { MaxFds = parse.GetValue(maxFds) ?? s.Server.MaxFds },
                Load = s.Load with
                {
                    Duration = parse.GetValue(duration) ?? s.Load.Duration,
                    Rate = parse.GetValue(rate) ?? s.Load.Rate,
                    Concurrency = parse.GetValue(concurrency) ?? s.Load.Concurrency,
                    Model = parse.GetValue(rate) is not null ? LoadModelKind.Rate : parse.GetValue(concurrency) is not null ? LoadModelKind.Concurrency : s.Load.Model,
                },
                Sample = s.Sample with { Drain = parse.GetValue(drain) ?? s.Sample.Drain },
                Expect = ExpectOption.Apply(s.Expect, parse.GetValue(expect)),
            };
            if (s.Lab)
            {
                throw new UserFacingException($"scenario '{s.Name}' needs the network-namespace lab (--lab), which this build does not have yet");
            }

            var progress = new RunProgress(Console.Out);
            var request = new RunRequest
            {
                Scenario = s,
                ReportsFolder = parse.GetValue(output) ?? Path.Combine(catalog.ProjectRoot, "reports"),
                Port = parse.GetValue(port) ?? 0,
            };
            var outcome = await new RunOrchestrator(progress).RunAsync(request, interruption.Token);
            progress.Result(outcome.Record, outcome.Directory);
            return outcome.Record.Interrupted ? ExitCodes.Interrupted : outcome.Record.Passed ? ExitCodes.Passed : ExitCodes.GateFailed;
        });
        return command;
    }
}
