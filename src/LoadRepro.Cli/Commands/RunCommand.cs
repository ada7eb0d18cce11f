using System.CommandLine;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline.Lab;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro run NAME|FILE</c>: one scenario end to end.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario name (see 'loadrepro list') or a path to a scenario YAML file; NAME@PROFILE runs it in the lab under that sysctl profile." };
        var duration = CliOptions.Duration("--duration", "How long the load runs (overrides the scenario), e.g. 10s.", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration);
        var rate = CliOptions.Count("--rate", "Arrivals per second; switches to the rate (open) model.", 1, ScenarioDefaults.MaxRate);
        var concurrency = CliOptions.Count("--concurrency", "Workers; switches to the concurrency (closed) model.", 1, ScenarioDefaults.MaxConcurrency);
        var maxFds = CliOptions.Count("--max-fds", "The server's soft descriptor limit (overrides the scenario; default 1024).", ScenarioDefaults.MinMaxFds, 1 << 20);
        var drain = CliOptions.Duration("--drain", "How long to keep sampling after the load stops, e.g. 3s.", TimeSpan.Zero, ScenarioDefaults.MaxDrain);
        var port = CliOptions.Count("--port", "The server's port on 127.0.0.1 (default: a free one).", 0, 65535);
        var output = new Option<string?>("--out") { Description = "Folder for the run's report directory (default: reports/ beside scenarios/)." };
        var expect = ExpectOption.Create();
        var lab = new Option<bool>("--lab") { Description = "Run server and client in network namespaces of their own, joined by a veth pair (needs root); on by default for lab scenarios." };
        var profile = new Option<string?>("--profile") { Description = "The lab's sysctl profile: a name in scenarios/profiles/ or a file (default: the scenario's, else kernel-default)." };
        var target = TargetOptions.Create();
        var junit = JUnitOption.Create();
        var segment = SegmentOption.Create();
        var command = new Command("run", "Run a scenario: start the test server, drive load, sample, and write a report. Exit 0 when every gate held, 1 when one failed.")
        {
            scenario, duration, rate, concurrency, maxFds, drain, port, output, lab, profile, expect, junit, segment,
        };
        target.AddTo(command);
        var agent = AgentRunOptions.Create();
        agent.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            interruption.Start();
            JUnitOption.Check(parse.GetValue(junit));
            if (parse.GetValue(rate) is not null && parse.GetValue(concurrency) is not null)
            {
                throw new UserFacingException("--rate and --concurrency choose different load models: give one of them");
            }

            var catalog = ScenarioCatalog.Locate();
            var (name, atProfile) = ScenarioReference.Split(parse.GetValue(scenario)!);
            if (atProfile is not null && parse.GetValue(profile) is not null)
            {
                throw new UserFacingException($"the profile is named twice ('@{atProfile}' and --profile {parse.GetValue(profile)}): give one of them");
            }

            ScenarioDefinition s;
            try
            {
                s = catalog.Resolve(name);
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
            s = SegmentOption.Apply(s, parse.GetValue(segment));
            var chosenProfile = atProfile ?? parse.GetValue(profile);
            var inLab = s.Lab || parse.GetValue(lab) || atProfile is not null;
            if (!inLab && chosenProfile is not null)
            {
                throw new UserFacingException("--profile sets the lab's sysctls: add --lab");
            }

            agent.Check(parse, target, inLab);
            if (inLab && target.Given(parse))
            {
                throw new UserFacingException("--target loads your own server where it runs; the lab starts the embedded server in a namespace of its own: give one of them");
            }

            target.RefuseOverTls(parse, s.Load.Connection);
            var progress = new RunProgress(Console.Out, live: !Console.IsOutputRedirected);
            var serverPort = parse.GetValue(port) ?? 0;
            IRunSite site;
            if (agent.Given(parse))
            {
                var (remote, samples) = await agent.ResolveAsync(parse, target, s.Sample.Interval, interruption.Token);
                site = new HostSite(remote, samples);
            }
            else
            {
                var external = await target.ResolveAsync(parse, s.Server, interruption.Token);
                site = inLab
                    ? new LabSite(s.LabNetwork, SysctlProfiles.Resolve(catalog, chosenProfile ?? s.Profile ?? SysctlProfileParser.DefaultName), serverPort)
                    : new HostSite(external ?? new EmbeddedServer(serverPort));
            }

            var outcome = await new RunPipeline(progress).RunAsync(
                new RunPlan { Scenario = s, ReportsFolder = parse.GetValue(output) ?? Path.Combine(catalog.ProjectRoot, "reports"), Site = site },
                interruption.Token);
            progress.Result(outcome.Record, outcome.Directory);
            LabSummary.Print(Console.Out, outcome.Record);
            if (parse.GetValue(junit) is { } junitFile)
            {
                JUnitOption.Write(junitFile, JUnitGates.Run(outcome));
            }

            if (!outcome.Record.Interrupted && outcome.Record.Samples.Agent is { StopReason: { } why } stopped)
            {
                // The gates were judged on a series cut short: neither a pass nor a failure of the server can be trusted.
                Console.Error.WriteLine($"loadrepro: the agent's samples stopped at {stopped.StoppedAtSeconds:0.0} s ({why}); the report in {outcome.Directory} has what came before");
                return ExitCodes.Environment;
            }

            return outcome.Record.Interrupted ? ExitCodes.Interrupted : outcome.Record.Passed ? ExitCodes.Passed : ExitCodes.GateFailed;
        });
        return command;
    }
}
