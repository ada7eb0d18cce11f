using System.CommandLine;
using System.Globalization;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline.Host;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>loadrepro soak</c> (hidden; scripts/soak drives it): every scenario that needs no lab, back to back with short
/// durations, inside this one long-lived process, printing the harness's own descriptors and RSS after each run. One
/// process matters: a leak in the harness (a socket, a timer, a sampler that is never stopped) only shows when runs
/// share a process.
/// </summary>
public static class SoakCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var minutes = CliOptions.Count("--minutes", "How long to keep running, in minutes (default 10).", 1, 24 * 60);
        var duration = CliOptions.Duration("--duration", "Load duration of each run (default 2s).", TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));
        var output = new Option<string?>("--out") { Description = "Folder for the runs' report directories (default: a temporary folder, removed at the end)." };
        var command = new Command("soak", "Run every non-lab scenario back to back in this process and check the harness's own descriptors and RSS.")
        {
            minutes, duration, output,
        };
        command.Hidden = true;
        command.SetAction(async (parse, _) =>
        {
            interruption.Start();
            var catalog = ScenarioCatalog.Locate();
            var scenarios = catalog.List().Where(s => s.Scenario is { Lab: false }).Select(s => s.Scenario!).ToList();
            if (scenarios.Count == 0)
            {
                throw new UserFacingException($"no scenario without --lab in {catalog.Folder}", ExitCodes.Environment);
            }

            var load = parse.GetValue(duration) ?? TimeSpan.FromSeconds(2);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(parse.GetValue(minutes) ?? 10);
            var folder = parse.GetValue(output);
            var temporary = folder is null;
            folder ??= Path.Combine(Path.GetTempPath(), $"loadrepro-soak-{Environment.ProcessId}");
            try
            {
                return await SoakAsync(scenarios, load, deadline, folder, interruption.Token);
            }
            finally
            {
                if (temporary && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> SoakAsync(List<ScenarioDefinition> scenarios, TimeSpan load, DateTime deadline, string folder, CancellationToken ct)
    {
        var pipeline = new RunPipeline(new RunProgress(TextWriter.Null));
        var start = HarnessFootprints.Measure();
        Write($"soak: {scenarios.Count} scenarios ({string.Join(", ", scenarios.Select(s => s.Name))}), load {load.TotalSeconds:0.#} s each (the ones that must reach EMFILE: their own), until {deadline:HH:mm:ss} UTC; harness at start: {start}");
        var footprints = new List<HarnessFootprint>();
        var runs = 0;
        var passed = 0;
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            foreach (var scenario in scenarios)
            {
                // A scenario that must reach EMFILE keeps its own duration: the harness's footprint at the limit is the one that matters.
                var shortened = scenario with
                {
                    Load = scenario.Expect.Exhaustion == true ? scenario.Load : scenario.Load with { Duration = load },
                    Sample = scenario.Sample with { Drain = TimeSpan.FromSeconds(Math.Min(1, scenario.Sample.Drain.TotalSeconds)) },
                };
                var outcome = await pipeline.RunAsync(new RunPlan { Scenario = shortened, ReportsFolder = folder, Site = new HostSite(new EmbeddedServer(0)) }, ct);
                runs++;
                passed += outcome.Record.Passed ? 1 : 0;
                footprints.Add(HarnessFootprints.Measure());
                Write($"run {runs} {scenario.Name}: diagnosis {KebabNames.Name(outcome.Record.Diagnosis.Kind)}, gates {(outcome.Record.Passed ? "passed" : "failed")}{(outcome.Record.Interrupted ? ", interrupted" : "")}; harness {footprints[^1]}");
                if (ct.IsCancellationRequested || DateTime.UtcNow >= deadline)
                {
                    break;
                }
            }
        }

        if (footprints.Count == 0)
        {
            return ExitCodes.Interrupted;
        }

        var verdict = SoakVerdict.Judge(footprints, scenarios.Count);
        Write($"soak: {runs} runs ({passed} with gates passed); harness at start {start}, after the first pass {verdict.Warmed}, at the end {verdict.Last}");
        Console.Out.WriteLine("soak: " + verdict.Text);
        return ct.IsCancellationRequested ? ExitCodes.Interrupted : verdict.Held ? ExitCodes.Passed : ExitCodes.GateFailed;
    }

    private static void Write(FormattableString line) => Console.Out.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
