using System.CommandLine;
using System.Globalization;
using LoadRepro.Cli.Orchestration;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>loadrepro soak</c> (hidden; scripts/soak drives it): every scenario that needs no lab, back to back with short
/// durations, inside this one long-lived process, printing the harness's own descriptors and RSS after each run. One
/// process matters: a leak in the harness (a socket, a timer, a sampler that is never stopped) only shows when runs
/// share a process.
/// </summary>
public static class SoakCommand
{
    /// <summary>Descriptors the harness may hold above its warmed-up baseline at the end before the soak fails.</summary>
    public const int FdSlack = 8;

    /// <summary>RSS growth over the warmed-up baseline, in MiB, above which the soak fails.</summary>
    public const double RssSlackMiB = 64;

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
        var orchestrator = new RunOrchestrator(new RunProgress(TextWriter.Null));
        var start = HarnessFootprint.Measure();
        Write($"soak: {scenarios.Count} scenarios ({string.Join(", ", scenarios.Select(s => s.Name))}), load {load.TotalSeconds:0.#} s each, until {deadline:HH:mm:ss} UTC; harness at start: {start}");
        HarnessFootprint? baseline = null;
        var last = start;
        var runs = 0;
        var passed = 0;
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            foreach (var scenario in scenarios)
            {
                var shortened = scenario with
                {
                    Load = scenario.Load with { Duration = load },
                    Sample = scenario.Sample with { Drain = TimeSpan.FromSeconds(Math.Min(1, scenario.Sample.Drain.TotalSeconds)) },
                };
                var outcome = await orchestrator.RunAsync(new RunRequest { Scenario = shortened, ReportsFolder = folder, Port = 0 }, ct);
                runs++;
                passed += outcome.Record.Passed ? 1 : 0;
                last = HarnessFootprint.Measure();

                // The first pass warms up the JIT, the thread pool and the GC heap: growth is measured from there.
                baseline ??= runs == scenarios.Count ? last : null;
                Write($"run {runs} {scenario.Name}: diagnosis {outcome.Record.Diagnosis.Kind}, gates {(outcome.Record.Passed ? "passed" : "failed")}{(outcome.Record.Interrupted ? ", interrupted" : "")}; harness {last}");
                if (ct.IsCancellationRequested || DateTime.UtcNow >= deadline)
                {
                    break;
                }
            }
        }

        baseline ??= last;
        var fdGrowth = last.Fds - baseline.Fds;
        var rssGrowth = last.RssMiB - baseline.RssMiB;
        var held = fdGrowth <= FdSlack && rssGrowth <= RssSlackMiB;
        Write($"soak: {runs} runs ({passed} with gates passed); harness after the first pass {baseline}, at the end {last}: descriptors {fdGrowth:+0;-0;0} (limit +{FdSlack}), RSS {rssGrowth:+0.0;-0.0;0.0} MiB (limit +{RssSlackMiB:0}) -> {(held ? "back to baseline" : "GREW")}");
        return ct.IsCancellationRequested ? ExitCodes.Interrupted : held ? ExitCodes.Passed : ExitCodes.GateFailed;
    }

    private static void Write(FormattableString line) => Console.Out.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
