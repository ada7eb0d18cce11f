using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>Compares two runs: key figures with their change, the story they tell and its verdict, the gates of both.</summary>
public static class ComparisonJudge
{
    /// <summary>Throughput B must keep, as a share of its offered rate, for "no throughput loss"; below 1 because a busy machine's client lags a little too.</summary>
    public const double KeptThroughputShare = 0.9;

    /// <summary>Requests that must succeed in B for the fix to hold.</summary>
    public const double MinFixedSuccessRatio = 0.99;

    /// <summary>Changes smaller than this share of the larger value count as "about the same".</summary>
    public const double SameShare = 0.02;

    /// <summary>Request totals that differ by more than this share of the larger are unequal work: their counts are compared per 1,000 requests.</summary>
    public const double SameWorkShare = 0.1;

    private static readonly DiagnosisKind[] LeakKinds = [DiagnosisKind.CloseWaitLeak, DiagnosisKind.EstablishedLeak, DiagnosisKind.FdLeakNonSocket];

    /// <summary>Compares <paramref name="a"/> (baseline) with <paramref name="b"/> (candidate); directories are shown relative to <paramref name="compareDirectory"/>.</summary>
    public static ComparisonRecord Compare(RunResult a, RunResult b, string compareDirectory)
    {
        var ra = WithServerCpu(a);
        var rb = WithServerCpu(b);
        var story = Story(ra, rb);
        var (verdict, settings) = story switch
        {
            ComparisonStory.Sysctl => SysctlVerdict.Judge(ra, rb),
            ComparisonStory.Fix => (FixVerdict(ra, rb), []),
            ComparisonStory.KeepAlive => (KeepAliveStory.Judge(ra, rb), []),
            _ => (GeneralVerdict(ra, rb), (IReadOnlyList<SettingChange>)[]),
        };
        // Every pair says what a request costs the server; the keep-alive story says it in its own words.
        IEnumerable<ComparisonReason> cpu = story == ComparisonStory.KeepAlive ? [] : [ServerCpuComparison.Reason(ra, rb)];
        verdict = WithUnequalWork(verdict with { Reasons = [.. BaselineCarryover.Reasons(ra, rb), .. verdict.Reasons, .. cpu, .. OnlyBJudged(ra, rb)] }, ra, rb);

        // One load on two builds: A is the build under suspicion, the reference B is measured against; only B must meet the gates.
        var gates = (TwoBuilds(ra, rb) ? [] : ra.Gates.Select(g => g with { Name = "A " + g.Name }))
            .Concat(rb.Gates.Select(g => g with { Name = "B " + g.Name }))
            .ToList();
        if (verdict.Holds is { } holds)
        {
            gates.Add(new GateResult { Name = "fixHolds", Limit = "true", Actual = holds ? "true" : "false", Passed = holds });
        }

        return new ComparisonRecord
        {
            A = Brief(a, compareDirectory),
            B = Brief(b, compareDirectory),
            Story = story,
            Verdict = verdict,
            Figures = story == ComparisonStory.Sysctl ? [.. Figures(ra, rb), .. SysctlVerdict.ExtraFigures(ra, rb)] : Figures(ra, rb),
            Settings = settings,
            Gates = gates,
            Passed = gates.All(g => g.Passed),
        };
    }

    /// <summary>
    /// The key figures of both runs, with the change and which did better; for runs of unequal work, counts are not called
    /// better or worse and the figures per 1,000 requests follow them.
    /// </summary>
    public static IReadOnlyList<ComparisonFigure> Figures(RunRecord a, RunRecord b) =>
        EqualWork(a, b) ? [.. RawFigures(a, b), .. AddedFigures(a, b)] : PerThousandRequests(a, b, [.. RawFigures(a, b), .. AddedFigures(a, b)]);

    /// <summary>
    /// Where a side started among sockets already on its port (an earlier run's TIME_WAIT), its peaks are not its own: what
    /// each side added over its baseline follows them. None when both started clean, where the peaks are what was added.
    /// </summary>
    private static IEnumerable<ComparisonFigure> AddedFigures(RunRecord a, RunRecord b)
    {
        if (BaselinePiles.Describe(a.Baseline.Tcp, a.Baseline.ClientTcp) is null && BaselinePiles.Describe(b.Baseline.Tcp, b.Baseline.ClientTcp) is null)
        {
            yield break;
        }

        yield return Figure("CLOSE_WAIT added over the baseline, server side", "sockets", CloseWaitAdded(a), CloseWaitAdded(b), lowerIsBetter: true);
        yield return Figure("TIME_WAIT added over the baseline, server side", "sockets", Added(a.Peak.Tcp.TimeWait, a.Baseline.Tcp.TimeWait), Added(b.Peak.Tcp.TimeWait, b.Baseline.Tcp.TimeWait), lowerIsBetter: true);
        yield return Figure("TIME_WAIT added over the baseline, client side", "sockets", Added(a.Peak.ClientTcp.TimeWait, a.Baseline.ClientTcp.TimeWait), Added(b.Peak.ClientTcp.TimeWait, b.Baseline.ClientTcp.TimeWait), lowerIsBetter: true);
    }

    /// <summary>What a run added to a count over its baseline; never below zero (a pile left by others drains during the run).</summary>
    private static int Added(int peak, int baseline) => Math.Max(0, peak - baseline);

    private static int CloseWaitAdded(RunRecord r) => Added(r.Peak.Tcp.CloseWait, r.Baseline.Tcp.CloseWait);

    /// <summary>TIME_WAIT a run added on the side that closed first (where the pile forms).</summary>
    internal static (int Added, string Side) TimeWaitAdded(RunRecord r)
    {
        var (server, client) = (Added(r.Peak.Tcp.TimeWait, r.Baseline.Tcp.TimeWait), Added(r.Peak.ClientTcp.TimeWait, r.Baseline.ClientTcp.TimeWait));
        return server >= client ? (server, "server") : (client, "client");
    }

    private static IReadOnlyList<ComparisonFigure> RawFigures(RunRecord a, RunRecord b) =>
    [
        Figure("peak descriptors", "descriptors", a.Peak.Fds, b.Peak.Fds, lowerIsBetter: true),
        Figure("descriptor growth over baseline", "descriptors", a.Peak.Fds - a.Baseline.Fds, b.Peak.Fds - b.Baseline.Fds, lowerIsBetter: true),
        Figure("descriptors after the drain", "descriptors", a.Final.Fds, b.Final.Fds, lowerIsBetter: true),
        Figure("peak CLOSE_WAIT, server side", "sockets", a.Peak.Tcp.CloseWait, b.Peak.Tcp.CloseWait, lowerIsBetter: true),
        Figure("peak ESTABLISHED, server side", "sockets", a.Peak.Tcp.Established, b.Peak.Tcp.Established, lowerIsBetter: null),
        Figure("peak TIME_WAIT, server side", "sockets", a.Peak.Tcp.TimeWait, b.Peak.Tcp.TimeWait, lowerIsBetter: true),
        Figure("peak TIME_WAIT, client side", "sockets", a.Peak.ClientTcp.TimeWait, b.Peak.ClientTcp.TimeWait, lowerIsBetter: true),
        Figure("connections opened", "connections", a.Client.ConnectionsOpened, b.Client.ConnectionsOpened, lowerIsBetter: true),
        Figure("requests ok", "requests", a.Client.RequestsOk, b.Client.RequestsOk, lowerIsBetter: false),
        Figure("requests failed", "requests", a.Client.RequestsFailed, b.Client.RequestsFailed, lowerIsBetter: true),
        Figure("success ratio", "%", Math.Round(SuccessRatio(a) * 100, 2), Math.Round(SuccessRatio(b) * 100, 2), lowerIsBetter: false),
        Figure("throughput", "requests/s", Math.Round(a.Client.ThroughputRps, 1), Math.Round(b.Client.ThroughputRps, 1), lowerIsBetter: false),
        Figure("latency p50", "ms", a.Client.LatencyMs.P50, b.Client.LatencyMs.P50, lowerIsBetter: true),
        Figure("latency p99", "ms", a.Client.LatencyMs.P99, b.Client.LatencyMs.P99, lowerIsBetter: true),
        ServerCpuComparison.Figure(a, b),
        ConnectionsPerSecond(a) is { } ca && ConnectionsPerSecond(b) is { } cb
            ? Figure("connections opened per second", "connections/s", ca, cb, lowerIsBetter: true)
            : new ComparisonFigure { Name = "connections opened per second", Unit = "connections/s", A = ConnectionsPerSecond(a), B = ConnectionsPerSecond(b), Change = "no load time" },
        new ComparisonFigure
        {
            Name = "first EMFILE after the load started",
            Unit = "s",
            A = a.Exhaustion.FirstAtSeconds,
            B = b.Exhaustion.FirstAtSeconds,
            Change = (a.Exhaustion.Reached, b.Exhaustion.Reached) switch
            {
                (true, false) => "gone",
                (false, true) => "new",
                (false, false) => "never reached",
                _ => "both reached",
            },
            Better = (a.Exhaustion.Reached, b.Exhaustion.Reached) switch { (true, false) => ComparisonSide.B, (false, true) => ComparisonSide.A, _ => null },
        },
    ];

    /// <summary>Connections opened per second of load (from the load's start to its stop); null when the load had no time.</summary>
    internal static double? ConnectionsPerSecond(RunRecord r)
    {
        var seconds = r.Phases.LoadStopSeconds - r.Phases.LoadStartSeconds;
        return seconds > 0 ? Math.Round(r.Client.ConnectionsOpened / seconds, 1) : null;
    }

    /// <summary>The run's record with its server CPU; a record written before it was kept has it measured from its samples.</summary>
    private static RunRecord WithServerCpu(RunResult run) =>
        run.Record.ServerCpu is not null ? run.Record : run.Record with { ServerCpu = ServerCpuWindow.Measure(run.Samples, run.Record.Phases, run.Record.Client.RequestsOk) };

    private static long Requests(RunRecord r) => r.Client.RequestsOk + r.Client.RequestsFailed;

    private static bool EqualWork(RunRecord a, RunRecord b) =>
        Math.Abs(Requests(a) - Requests(b)) <= SameWorkShare * Math.Max(Requests(a), Requests(b));

    /// <summary>
    /// Counts of unequal work (2,000 requests against 178,863) say more about the work than about the server: they keep their
    /// values but lose their "better", and what the work grows with is compared per 1,000 requests instead. A lower count on
    /// the side that served more requests keeps it: more work with less is better whatever the ratio (a leak stopped early at EMFILE).
    /// </summary>
    private static List<ComparisonFigure> PerThousandRequests(RunRecord a, RunRecord b, IReadOnlyList<ComparisonFigure> raw)
    {
        string[] countUnits = ["descriptors", "sockets", "connections", "requests"];
        var moreWork = Requests(b) > Requests(a) ? ComparisonSide.B : ComparisonSide.A;
        bool LowerWithMoreWork(ComparisonFigure f) => f.Better == moreWork && (moreWork == ComparisonSide.B ? f.B < f.A : f.A < f.B);
        var figures = raw.Select(f => !countUnits.Contains(f.Unit) ? f
            : LowerWithMoreWork(f) ? f with { Change = f.Change + "; lower although it served more requests" }
            : f with { Change = f.Change + "; counts of unequal work, compared per 1,000 requests below", Better = null }).ToList();
        if (Requests(a) == 0 || Requests(b) == 0)
        {
            return figures;
        }

        static double PerThousand(RunRecord r, double count) => Math.Round(count * 1000 / Requests(r), 2);
        static int TimeWaitAddedBothSides(RunRecord r) =>
            Added(r.Peak.Tcp.TimeWait, r.Baseline.Tcp.TimeWait) + Added(r.Peak.ClientTcp.TimeWait, r.Baseline.ClientTcp.TimeWait);
        figures.AddRange(
        [
            Figure("descriptor growth per 1,000 requests", "descriptors", PerThousand(a, a.Peak.Fds - a.Baseline.Fds), PerThousand(b, b.Peak.Fds - b.Baseline.Fds), lowerIsBetter: true),
            Figure("TIME_WAIT added per 1,000 requests, both sides", "sockets", PerThousand(a, TimeWaitAddedBothSides(a)), PerThousand(b, TimeWaitAddedBothSides(b)), lowerIsBetter: true),
            Figure("connections opened per 1,000 requests", "connections", PerThousand(a, a.Client.ConnectionsOpened), PerThousand(b, b.Client.ConnectionsOpened), lowerIsBetter: true),
        ]);
        return figures;
    }

    /// <summary>The verdict with a first reason saying the runs did unequal work, when they did, so no count is read as a result.</summary>
    private static ComparisonVerdict WithUnequalWork(ComparisonVerdict verdict, RunRecord a, RunRecord b) =>
        EqualWork(a, b)
            ? verdict
            : verdict with
            {
                Reasons = [new(F($"The runs did unequal work: {Requests(a):N0} requests in A, {Requests(b):N0} in B. Their counts (descriptors, sockets, connections) are not compared; the figures per 1,000 requests are."), null), .. verdict.Reasons],
            };

    private static ComparisonStory Story(RunRecord a, RunRecord b)
    {
        if (SysctlVerdict.Applies(a, b))
        {
            return ComparisonStory.Sysctl;
        }

        if (IsLeaky(a) && (!string.Equals(a.Scenario, b.Scenario, StringComparison.Ordinal) || TwoBuilds(a, b)))
        {
            return ComparisonStory.Fix;
        }

        return (a.Load.Connection, b.Load.Connection) is (ConnectionKind.Short, ConnectionKind.KeepAlive) or (ConnectionKind.KeepAlive, ConnectionKind.Short)
            ? ComparisonStory.KeepAlive
            : ComparisonStory.General;
    }

    /// <summary>One load on two builds of the user's server: both started from commands, and not the same one.</summary>
    private static bool TwoBuilds(RunRecord a, RunRecord b) =>
        a.Target.Command is not null && b.Target.Command is not null && !string.Equals(a.Target.Command, b.Target.Command, StringComparison.Ordinal);

    private static IEnumerable<ComparisonReason> OnlyBJudged(RunRecord a, RunRecord b) =>
        TwoBuilds(a, b) && a.Gates.Count > 0
            ? [new(F($"Server A is the build under suspicion: its gates ({a.Gates.Count(g => !g.Passed)} of {a.Gates.Count} failed) are in its own report; only server B is gated."), null)]
            : [];

    /// <summary>How a story names its sides: by scenario, or "server A" and "server B" for one load on two builds.</summary>
    private static (string A, string B) Names(RunRecord a, RunRecord b) =>
        TwoBuilds(a, b) && RunLabel.Of(a) == RunLabel.Of(b) ? ("server A", "server B") : (RunLabel.Of(a), RunLabel.Of(b));

    private static bool IsLeaky(RunRecord r) => r.Exhaustion.Reached || LeakKinds.Contains(r.Diagnosis.Kind);

    private static ComparisonVerdict FixVerdict(RunRecord a, RunRecord b)
    {
        // Flat means no pile: back near the baseline after the drain, and never more than what is in flight at the offered
        // rate (rate × latency), which on a busy machine can be a few hundred; half the room to the limit bounds that.
        var roomToLimit = b.Target.MaxFds - b.Baseline.Fds;
        var inFlight = Math.Max(DiagnosisThresholds.MinPile * 2, roomToLimit / 2);
        var settled = Math.Max(DiagnosisThresholds.MinPile * 2, roomToLimit / 10);
        var growth = b.Peak.Fds - b.Baseline.Fds;
        var (nameA, nameB) = Names(a, b);
        var offered = b.Load.Model == LoadModelKind.Rate && b.Load.Rate > 0 ? b.Load.Rate : (double?)null;
        var reasons = new List<ComparisonReason>
        {
            new(F($"Diagnosis: {KebabNames.Name(a.Diagnosis.Kind)} in A, {KebabNames.Name(b.Diagnosis.Kind)} in B."), !IsLeaky(b)),
            new(b.Exhaustion.Reached
                ? F($"B still reached EMFILE, {b.Exhaustion.FirstAtSeconds:0.0#} s after its load started.")
                : a.Exhaustion.FirstAtSeconds is { } at ? F($"No EMFILE in B (A reached it after {at:0.0#} s).") : "No EMFILE in B.", !b.Exhaustion.Reached),
            new(F($"CLOSE_WAIT in B: peak {CloseWaitAdded(b)}, {FinalCloseWait(b)} after the drain (A: peak {CloseWaitAdded(a)}, {FinalCloseWait(a)} after the drain){OverBaseline(a, b)}."),
                FinalCloseWait(b) < DiagnosisThresholds.MinPile && CloseWaitAdded(b) <= inFlight),
            new(F($"Descriptors in B: peak {growth} above a baseline of {b.Baseline.Fds}, {b.Final.Fds} after the drain (A: peak {a.Peak.Fds - a.Baseline.Fds} above, {a.Final.Fds} after the drain)."),
                growth <= inFlight && b.Final.Fds - b.Baseline.Fds <= settled),
        };
        reasons.AddRange(b.Load.Connection == ConnectionKind.Abandon
            ? [new(F($"B's client abandons every request by design (abandon): success and throughput are not judged ({b.Client.RequestsOk} answered, A: {a.Client.RequestsOk})."), null)]
            : [
                new(F($"B answered {SuccessRatio(b) * 100:0.##}% of its requests (A: {SuccessRatio(a) * 100:0.##}%)."), SuccessRatio(b) >= MinFixedSuccessRatio),
                offered is { } rate
                    ? new(F($"No throughput loss: B served {b.Client.ThroughputRps:0.#} requests/s of the {rate:0} offered (A: {a.Client.ThroughputRps:0.#})."), b.Client.ThroughputRps >= rate * KeptThroughputShare)
                    : new(F($"Throughput: {b.Client.ThroughputRps:0.#} requests/s in B against {a.Client.ThroughputRps:0.#} in A."), b.Client.ThroughputRps >= a.Client.ThroughputRps * KeptThroughputShare),
            ]);
        var holds = reasons.All(r => r.Ok != false);
        return new ComparisonVerdict
        {
            Headline = holds
                ? F($"The fix holds: {nameB} keeps CLOSE_WAIT and descriptors flat, reaches no EMFILE and loses no throughput, where {nameA} {Leaked(a)}.")
                : F($"The fix does not hold: {string.Join("; ", reasons.Where(r => r.Ok == false).Select(r => r.Text.TrimEnd('.')))}."),
            Holds = holds,
            Reasons = reasons,
        };
    }

    private static int FinalCloseWait(RunRecord r) => Added(r.Final.Tcp.CloseWait, r.Baseline.Tcp.CloseWait);

    /// <summary>Says that the CLOSE_WAIT counts are over each side's baseline, where one held CLOSE_WAIT already.</summary>
    private static string OverBaseline(RunRecord a, RunRecord b) =>
        a.Baseline.Tcp.CloseWait + b.Baseline.Tcp.CloseWait > 0
            ? F($", over the {b.Baseline.Tcp.CloseWait} in B and {a.Baseline.Tcp.CloseWait} in A already there when their loads started")
            : "";

    private static string Leaked(RunRecord a) => a.Exhaustion.FirstAtSeconds is { } at
        ? F($"reached EMFILE after {at:0.0#} s")
        : F($"shows {KebabNames.Name(a.Diagnosis.Kind)}");

    private static ComparisonVerdict GeneralVerdict(RunRecord a, RunRecord b)
    {
        var changed = Figures(a, b).Where(f => f.Better is not null).Take(6).Select(f => new ComparisonReason(F($"{f.Name}: {Show(f.A)} → {Show(f.B)} {f.Unit} ({f.Change})."), f.Better == ComparisonSide.B)).ToList();
        return new ComparisonVerdict
        {
            Headline = F($"{a.Scenario}: {RunHeadline.Text(a)}. {b.Scenario}: {RunHeadline.Text(b)}."),
            Reasons = changed,
        };
    }

    private static ComparedRun Brief(RunResult run, string compareDirectory)
    {
        var relative = Path.GetRelativePath(compareDirectory, run.Directory);
        return new ComparedRun
        {
            Scenario = RunLabel.Of(run.Record),
            Directory = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(run.Directory) : relative,
            Diagnosis = run.Record.Diagnosis.Kind,
            Headline = RunHeadline.Text(run.Record),
            Load = LoadDescription.Of(run.Record.Load),
            Command = run.Record.Target.Command,
            Passed = run.Record.Passed,
            Leaks = run.Record.Leaks is { } leaks && leaks.IsWorthSaying() ? leaks.Summary : null,
        };
    }

    internal static ComparisonFigure Figure(string name, string unit, double a, double b, bool? lowerIsBetter)
    {
        var same = Math.Abs(b - a) <= SameShare * Math.Max(Math.Abs(a), Math.Abs(b));
        ComparisonSide? better = same || lowerIsBetter is null ? null : (b < a) == lowerIsBetter.Value ? ComparisonSide.B : ComparisonSide.A;
        return new ComparisonFigure { Name = name, Unit = unit, A = a, B = b, Change = Change(a, b), Better = better };
    }

    /// <summary>The change in words: the difference and, when A is not zero, the percentage.</summary>
    public static string Change(double a, double b)
    {
        if (a == b)
        {
            return "same";
        }

        var diff = b - a;
        var sign = diff > 0 ? "+" : "−";
        var text = F($"{sign}{Math.Abs(diff):0.###}");
        return a == 0 ? text : text + F($" ({sign}{Math.Abs(diff / a) * 100:0.#}%)");
    }

    internal static string Percent(double from, double to) =>
        from <= 0 ? "no baseline" : to >= from ? F($"+{(to / from - 1) * 100:0.#}%") : F($"−{(1 - to / from) * 100:0.#}%");

    private static double SuccessRatio(RunRecord r)
    {
        var total = r.Client.RequestsOk + r.Client.RequestsFailed;
        return total == 0 ? 0 : (double)r.Client.RequestsOk / total;
    }

    private static string Show(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
