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
/// <c>loadrepro soak</c> (hidden; scripts/soak drives it): every scenario that needs no lab, back to back, each for the
/// duration its gates need (its own), inside this one long-lived process, printing the harness's own descriptors and RSS
/// after each run. One process matters: a leak in the harness (a socket, a timer, a sampler that is never stopped) only
/// shows when runs share a process. The soak judges what it runs: it fails when any run's gates fail, and names each.
/// </summary>
public static class SoakCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var minutes = CliOptions.Count("--minutes", "How long to keep running, in minutes (default 10).", 1, 24 * 60);
        var passes = CliOptions.Count("--passes", "Stop after this many passes over the scenarios, or at --minutes, whichever comes first (default: no bound).", 1, 10_000);
        var duration = CliOptions.Duration("--duration", "Shorten every load to this (default: each scenario's own; those that must reach EMFILE always keep theirs). Gates that need the longer load then fail the soak.", TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));
        var output = new Option<string?>("--out") { Description = "Folder for the runs' report directories (default: a temporary folder, removed at the end)." };
        var command = new Command("soak", "Run every non-lab scenario back to back in this process; fail when a run's gates fail or the harness's own descriptors and RSS do not come back.")
        {
            minutes, passes, duration, output,
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

            var bounds = new SoakBounds(DateTime.UtcNow + TimeSpan.FromMinutes(parse.GetValue(minutes) ?? 10), parse.GetValue(passes) ?? int.MaxValue);
            var load = parse.GetValue(duration);
            var folder = parse.GetValue(output);
            var temporary = folder is null;
            folder ??= Path.Combine(Path.GetTempPath(), $"loadrepro-soak-{Environment.ProcessId}");
            try
            {
                return await SoakAsync(scenarios, load, bounds, folder, interruption.Token);
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

    private static async Task<int> SoakAsync(List<ScenarioDefinition> scenarios, TimeSpan? load, SoakBounds bounds, string folder, CancellationToken ct)
    {
        var pipeline = new RunPipeline(new RunProgress(TextWriter.Null));
        var start = HarnessFootprints.Measure();
        var loads = load is { } d ? $"load {d.TotalSeconds:0.#} s each (the ones that must reach EMFILE: their own)" : "each scenario's own load";
        Write($"soak: {scenarios.Count} scenarios ({string.Join(", ", scenarios.Select(s => s.Name))}), {loads}, until {bounds.Deadline:HH:mm:ss} UTC{(bounds.Passes < int.MaxValue ? $" or {bounds.Passes} passes" : "")}; harness at start: {start}");
        var footprints = new List<HarnessFootprint>();
        var failedRuns = new List<string>();
        var runs = 0;
        for (var pass = 1; pass <= bounds.Passes && DateTime.UtcNow < bounds.Deadline && !ct.IsCancellationRequested; pass++)
        {
            foreach (var scenario in scenarios)
            {
                // A scenario that must reach EMFILE keeps its own duration: the harness's footprint at the limit is the one that
                // matters. The drain is always the scenario's own: idle-timeout's gates need its idle connections closed in it.
                var run = load is null || scenario.Expect.Exhaustion == true ? scenario : scenario with { Load = scenario.Load with { Duration = load.Value } };
                var record = (await pipeline.RunAsync(new RunPlan { Scenario = run, ReportsFolder = folder, Site = new HostSite(new EmbeddedServer(0)) }, ct)).Record;
                runs++;
                footprints.Add(HarnessFootprints.Measure());
                var failed = record.Gates.Where(g => !g.Passed).Select(g => F($"{g.Name} (expected {g.Limit}, got {g.Actual})")).ToList();
                if (failed.Count > 0 && !record.Interrupted)
                {
                    failedRuns.Add(F($"run {runs} (pass {pass}) {scenario.Name}: {string.Join("; ", failed)}"));
                }

                Write($"run {runs} {scenario.Name}: diagnosis {KebabNames.Name(record.Diagnosis.Kind)}, gates {(record.Passed ? "passed" : "failed: " + string.Join("; ", failed))}{(record.Interrupted ? ", interrupted" : "")}; harness {footprints[^1]}");
                if (ct.IsCancellationRequested || DateTime.UtcNow >= bounds.Deadline)
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
        Write($"soak: {runs} runs ({runs - failedRuns.Count} with gates passed); harness at start {start}, after the first pass {verdict.Warmed}, at the end {verdict.Last}");
        foreach (var failedRun in failedRuns)
        {
            Console.Out.WriteLine("soak: GATES FAILED in " + failedRun);
        }

        Console.Out.WriteLine("soak: " + verdict.Text);
        return ct.IsCancellationRequested ? ExitCodes.Interrupted : verdict.Held && failedRuns.Count == 0 ? ExitCodes.Passed : ExitCodes.GateFailed;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>When the soak ends: at the deadline or after this many passes, whichever comes first.</summary>
    private sealed record SoakBounds(DateTime Deadline, int Passes);

    private static void Write(FormattableString line) => Console.Out.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
