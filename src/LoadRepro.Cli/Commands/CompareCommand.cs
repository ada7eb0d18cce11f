using System.CommandLine;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Engine;
using LoadRepro.Reports.Comparison;
using LoadRepro.Pipeline.Lab;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro compare A B</c> and <c>loadrepro compare --suite NAME</c>: two runs side by side with a verdict.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Interruption interruption)
    {
        var a = new Argument<string?>("a") { Description = "The baseline: a scenario name or file (run now; NAME@PROFILE runs it in the lab under that sysctl profile) or an existing run directory.", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("b") { Description = "The candidate (e.g. the fix): a scenario name or file (run now) or an existing run directory.", Arity = ArgumentArity.ZeroOrOne };
        var suite = new Option<string?>("--suite") { Description = "Compare every pair of scenarios/suites/NAME.yaml (or a suite file) and write one index page." };
        var output = new Option<string?>("--out") { Description = "Folder for the comparison's directory (default: reports/ beside scenarios/)." };
        var duration = CliOptions.Duration("--duration", "How long each load runs (overrides the scenarios), e.g. 5s.", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration);
        var expect = ExpectOption.Create();
        expect.Description = "A gate on B (the candidate), key=value, repeatable; " + expect.Description;
        var maxFds = CliOptions.Count("--max-fds", "The server's soft descriptor limit in the runs compare makes (overrides the scenarios; default 1024).", ScenarioDefaults.MinMaxFds, 1 << 20);
        var junit = JUnitOption.Create();
        var target = TargetOptions.Create();
        var builds = BuildPairOptions.Create();
        var command = new Command("compare", "Compare two runs: figures side by side, charts on one time axis, and a verdict (does the fix hold?). With --target, on your own server; with --server-cmd-a/-b, one scenario on two builds of it. Exit 0 when every gate held, 1 when one failed.")
        {
            a, b, suite, output, duration, maxFds, expect, junit,
        };
        target.AddTo(command);
        builds.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            interruption.Start();
            var junitFile = parse.GetValue(junit);
            JUnitOption.Check(junitFile);
            var catalog = ScenarioCatalog.Locate();
            var folder = parse.GetValue(output) ?? Path.Combine(catalog.ProjectRoot, "reports");
            var options = new PairOptions(catalog, parse.GetValue(duration), parse.GetValue(maxFds), parse.GetValue(expect) ?? []);
            var suiteName = parse.GetValue(suite);
            var (first, second) = (parse.GetValue(a), parse.GetValue(b));
            if (suiteName is not null)
            {
                if (first is not null)
                {
                    throw new UserFacingException("give either A and B or --suite NAME, not both");
                }

                if (target.Given(parse) || builds.Given(parse))
                {
                    throw new UserFacingException("--suite compares the embedded test server's pairs: drop --target and --server-cmd");
                }

                return await RunSuiteAsync(Guard(() => ScenarioSuiteParser.Resolve(catalog, suiteName)), folder, options, junitFile, interruption.Token);
            }

            var twoBuilds = builds.Read(parse, target.Command, (first is null ? 0 : 1) + (second is null ? 0 : 1));
            if (first is null || (second is null && twoBuilds is null))
            {
                throw new UserFacingException("compare needs two runs: loadrepro compare A B (scenario names, files or run directories), or --suite NAME");
            }

            var (sideA, sideB) = (Resolve(first, options, isCandidate: false), Resolve(second ?? first, options, isCandidate: true));
            if (twoBuilds is not null)
            {
                (sideA, sideB) = (sideA with { Name = sideA.Name + "-server-a" }, sideB with { Name = sideB.Name + "-server-b" });
            }

            if (twoBuilds is not null || target.Given(parse))
            {
                // Both sides' servers are checked before the first runs: a second side that cannot run should not cost the first's run.
                var oneServer = new ServerCommandLine(target.Command.Name, parse.GetValue(target.Command));
                var (commandA, commandB) = twoBuilds ?? (oneServer, oneServer);
                sideA = sideA.OnUserServer(target, parse, commandA);
                sideB = sideB.OnUserServer(target, parse, commandB);
            }

            var result = await ComparePairAsync(sideA, sideB, folder, interruption.Token);
            if (junitFile is not null)
            {
                JUnitOption.Write(junitFile, JUnitGates.Comparison(result));
            }

            return result.Comparison is null ? ExitCodes.Interrupted : result.Comparison.Passed ? ExitCodes.Passed : ExitCodes.GateFailed;
        });
        return command;
    }

    private static async Task<int> RunSuiteAsync(ScenarioSuite suite, string folder, PairOptions options, string? junitFile, CancellationToken ct)
    {
        // Resolve every scenario first: a typo in the last pair should not cost the runs of the first.
        var sides = suite.Pairs.Select(p => (Resolve(p.A, options, false), Resolve(p.B, options, true))).ToList();
        var dir = RunDirectory.Create(folder, $"suite-{suite.Name}", DateTimeOffset.UtcNow);
        var done = new List<ComparedPair>();
        foreach (var (sa, sb) in sides)
        {
            done.Add(await ComparePairAsync(sa, sb, dir, ct));
            if (done[^1].Comparison is null)
            {
                break;
            }

            SuiteIndex.Write(dir, suite.Name, suite.Description, Compared(done));
        }

        var compared = Compared(done);
        var interrupted = compared.Count < done.Count;
        if (!interrupted)
        {
            Console.Out.WriteLine($"suite {suite.Name}: {compared.Count(d => d.Comparison.Passed)} of {compared.Count} comparisons passed; index: {Path.Combine(dir, SuiteIndex.Name)}");
        }

        if (junitFile is not null)
        {
            JUnitOption.Write(junitFile, JUnitGates.Suite(suite.Name, done));
        }

        return interrupted ? ExitCodes.Interrupted : compared.All(d => d.Comparison.Passed) ? ExitCodes.Passed : ExitCodes.GateFailed;
    }

    private static List<(string Directory, ComparisonRecord Comparison)> Compared(IEnumerable<ComparedPair> pairs) =>
        [.. pairs.Where(p => p.Comparison is not null).Select(p => (p.Directory, p.Comparison!))];

    /// <summary>Plans both sides (every check before the first run), then runs, compares and writes through the API, and prints.</summary>
    private static async Task<ComparedPair> ComparePairAsync(Side a, Side b, string folder, CancellationToken ct)
    {
        var (sideA, sideB) = (await a.PlanAsync(ct), await b.PlanAsync(ct));
        var pair = await PairComparison.RunAsync(
            folder,
            sideA,
            sideB,
            () => new RunProgress(Console.Out),
            (observer, run) =>
            {
                ((RunProgress)observer).Result(run.Record, run.Directory);
                LabSummary.Print(Console.Out, run.Record);
            },
            ct);
        if (pair.Comparison is not null)
        {
            ComparisonConsole.Result(Console.Out, pair.Comparison, pair.Directory);
        }

        return pair;
    }

    private static Side Resolve(string nameOrDir, PairOptions o, bool isCandidate)
    {
        var gates = isCandidate ? o.Expect : [];
        if (Directory.Exists(nameOrDir))
        {
            var stored = Guard(() => RunDirectoryReader.Read(nameOrDir));
            var extra = ExpectOption.Apply(new ExpectSettings(), gates);
            return new Side(RunLabel.Of(stored.Record), null, new RunOptions(), extra.IsEmpty ? stored : RejudgedRun.WithGates(stored, extra));
        }

        // NAME@PROFILE runs the scenario in the lab under that sysctl profile; a lab scenario runs there under its own.
        var (name, atProfile) = ScenarioReference.Split(nameOrDir);
        var scenario = ScenarioResolution.Resolve(name);
        var options = new RunOptions { Duration = o.Duration, MaxFds = o.MaxFds, Expect = gates };
        var profileName = atProfile ?? (scenario.Definition.Lab ? scenario.Definition.Profile ?? SysctlProfileParser.DefaultName : null);
        if (profileName is null)
        {
            return new Side(scenario.Name, scenario, options, null);
        }

        // Before anything runs: a pair whose second side cannot run should not cost the first side's run.
        var profile = SysctlProfiles.Resolve(o.Catalog, profileName);
        LabEnvironment.RequireRoot();
        return new Side($"{scenario.Name}@{profile.Name}", scenario, options with { Lab = true, Profile = profileName }, null);
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ScenarioException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
        catch (InvalidDataException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }

    private sealed record PairOptions(ScenarioCatalog Catalog, TimeSpan? Duration, int? MaxFds, string[] Expect);

    /// <summary>
    /// One side of a pair: a scenario to run now with its options (in the lab when they name a profile, on the user's server
    /// when it has a target), or a run already on disk.
    /// </summary>
    private sealed record Side(string Name, Scenario? Scenario, RunOptions Options, RunResult? Stored, RunTarget? Target = null)
    {
        /// <summary>This side run on the user's server as the target options and <paramref name="command"/> say.</summary>
        public Side OnUserServer(TargetOptions target, ParseResult parse, ServerCommandLine command)
        {
            if (Scenario is null)
            {
                throw new UserFacingException($"--target runs the scenarios on your server now: '{Name}' is a run directory; give scenario names or files");
            }

            if (Options.Profile is not null)
            {
                throw new UserFacingException("--target loads your own server where it runs; the lab starts the embedded server in a namespace of its own: give one of them");
            }

            return this with { Target = target.Read(parse, command) };
        }

        /// <summary>The side for the API's comparison: its run planned (the user's server checked), or the stored run.</summary>
        public async Task<PairSide> PlanAsync(CancellationToken ct) =>
            Stored is not null
                ? new PairSide(Name, null, Stored)
                : new PairSide(Name, await RunService.PlanAsync(new RunRequest(Scenario!, Target ?? RunTarget.EmbeddedServer(), Options), ct), null);
    }
}
