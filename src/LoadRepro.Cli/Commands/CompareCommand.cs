using System.CommandLine;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
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
                sideA = await sideA.OnUserServerAsync(target, parse, commandA, interruption.Token);
                sideB = await sideB.OnUserServerAsync(target, parse, commandB, interruption.Token);
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

    /// <summary>Runs what must run, compares, writes and prints; without a comparison when a run was interrupted.</summary>
    private static async Task<ComparedPair> ComparePairAsync(Side a, Side b, string folder, CancellationToken ct)
    {
        var dir = RunDirectory.Create(folder, $"compare-{a.Name}-vs-{b.Name}", DateTimeOffset.UtcNow);
        var runA = await a.GetAsync(Path.Combine(dir, "runs"), ct);
        if (a.WasInterrupted(runA))
        {
            return new ComparedPair(dir, runA, null, null);
        }

        var runB = await b.GetAsync(Path.Combine(dir, "runs"), ct);
        if (b.WasInterrupted(runB))
        {
            return new ComparedPair(dir, runA, runB, null);
        }

        var comparison = ComparisonJudge.Compare(runA, runB, dir);
        ComparisonReports.Write(dir, comparison, runA, runB);
        ComparisonConsole.Result(Console.Out, comparison, dir);
        return new ComparedPair(dir, runA, runB, comparison);
    }

    private static Side Resolve(string nameOrDir, PairOptions o, bool isCandidate)
    {
        var gates = isCandidate ? o.Expect : [];
        if (Directory.Exists(nameOrDir))
        {
            var stored = Guard(() => RunDirectoryReader.Read(nameOrDir));
            var extra = ExpectOption.Apply(new ExpectSettings(), gates);
            return new Side(RunLabel.Of(stored.Record), null, null, extra.IsEmpty ? stored : RejudgedRun.WithGates(stored, extra));
        }

        // NAME@PROFILE runs the scenario in the lab under that sysctl profile; a lab scenario runs there under its own.
        var (name, atProfile) = ScenarioReference.Split(nameOrDir);
        var s = Guard(() => o.Catalog.Resolve(name));
        s = s with
        {
            Server = s.Server with { MaxFds = o.MaxFds ?? s.Server.MaxFds },
            Load = s.Load with { Duration = o.Duration ?? s.Load.Duration },
            Expect = ExpectOption.Apply(s.Expect, gates),
        };
        var profileName = atProfile ?? (s.Lab ? s.Profile ?? SysctlProfileParser.DefaultName : null);
        if (profileName is null)
        {
            return new Side(s.Name, s, null, null);
        }

        // Before anything runs: a pair whose second side cannot run should not cost the first side's run.
        var profile = SysctlProfiles.Resolve(o.Catalog, profileName);
        LabEnvironment.RequireRoot();
        return new Side($"{s.Name}@{profile.Name}", s, profile, null);
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
    /// One side of a pair: a scenario to run now (in the lab when it has a profile, on the user's server when it has one),
    /// or a run already on disk.
    /// </summary>
    private sealed record Side(string Name, ScenarioDefinition? Scenario, SysctlProfile? Profile, RunResult? Stored, IServerPlacement? Server = null)
    {
        /// <summary>This side run on the user's server as the target options and <paramref name="command"/> say, checked before anything runs.</summary>
        public async Task<Side> OnUserServerAsync(TargetOptions target, ParseResult parse, ServerCommandLine command, CancellationToken ct)
        {
            if (Scenario is null)
            {
                throw new UserFacingException($"--target runs the scenarios on your server now: '{Name}' is a run directory; give scenario names or files");
            }

            if (Profile is not null)
            {
                throw new UserFacingException("--target loads your own server where it runs; the lab starts the embedded server in a namespace of its own: give one of them");
            }

            return this with { Server = await target.ResolveAsync(parse, command, Scenario.Server.MaxFds, ct) };
        }

        public async Task<RunResult> GetAsync(string runsFolder, CancellationToken ct)
        {
            if (Stored is not null)
            {
                return Stored;
            }

            var progress = new RunProgress(Console.Out);
            IRunSite site = Profile is null ? new HostSite(Server ?? new EmbeddedServer(0)) : new LabSite(Scenario!.LabNetwork, Profile, 0);
            var outcome = await new RunPipeline(progress).RunAsync(new RunPlan { Scenario = Scenario!, ReportsFolder = runsFolder, Site = site }, ct);
            progress.Result(outcome.Record, outcome.Directory);
            LabSummary.Print(Console.Out, outcome.Record);
            return outcome;
        }

        /// <summary>True when this command's run of the side was interrupted; a stored run that was interrupted once is compared as it is.</summary>
        public bool WasInterrupted(RunResult run) => Stored is null && run.Record.Interrupted;
    }
}
