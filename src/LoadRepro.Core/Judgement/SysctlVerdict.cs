using System.Globalization;
using LoadRepro.Core.Records;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// The same scenario in the lab under two sysctl profiles: which of the settings that differ changed anything measurable, each
/// judged only on the figures the kernel lets it move, and which did not.
/// </summary>
public static class SysctlVerdict
{
    private const string NotRecorded = "not recorded";

    /// <summary>Whether the pair tells this story: the same scenario, both in the lab, with sysctls that differ.</summary>
    public static bool Applies(RunRecord a, RunRecord b) =>
        a.Lab is { } la && b.Lab is { } lb && string.Equals(a.Scenario, b.Scenario, StringComparison.Ordinal) && Differences(la, lb).Count > 0;

    /// <summary>The sysctls whose value in force, or whose requested value, differs between the two labs, by name.</summary>
    public static IReadOnlyList<(string Name, SysctlInForce? A, SysctlInForce? B)> Differences(LabInfo a, LabInfo b)
    {
        var inA = a.Sysctls.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var inB = b.Sysctls.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return inA.Keys.Union(inB.Keys, StringComparer.Ordinal)
            .Select(n => (Name: n, A: inA.GetValueOrDefault(n), B: inB.GetValueOrDefault(n)))
            .Where(d => Value(d.A) != Value(d.B) || d.A?.Requested != d.B?.Requested)
            .ToList();
    }

    /// <summary>Each differing setting judged, and the verdict over all of them.</summary>
    public static (ComparisonVerdict Verdict, IReadOnlyList<SettingChange> Settings) Judge(RunRecord a, RunRecord b)
    {
        var settings = Differences(a.Lab!, b.Lab!).Select(d => Setting(d.Name, d.A, d.B, a, b)).ToList();
        var reasons = settings.Select(s => new ComparisonReason(s.Text, null)).ToList();
        var measurable = settings.Where(s => s.Measurable).ToList();
        if (measurable.Count > 1)
        {
            var names = string.Join(" and ", measurable.Select(s => Short(s.Name)));
            reasons.Add(new ComparisonReason($"{names} changed together, so this one pair cannot tell which of them moved what: compare profiles that differ in one setting each to tell.", null));
        }

        var explained = settings.Where(s => s.Applied).SelectMany(s => SysctlCatalogue.Of(s.Name).Figures).ToHashSet();
        var causes = string.Join(" and ", measurable.Select(s => Short(s.Name)));
        foreach (var f in WatchedFigures.All.Where(f => !explained.Contains(f) && f.Moved(a, b)))
        {
            // Failures, throughput and latency follow from a setting that measurably acted (connects that found no port fail);
            // with none that acted, a move of theirs is the machine's, not the profile's.
            reasons.Add(new ComparisonReason(
                measurable.Count > 0 && WatchedFigures.Consequences.Contains(f)
                    ? $"{Values(f, a, b)}: follows from what {causes} changed."
                    : $"{Values(f, a, b)}: moved, though no setting that differs acts on it; run-to-run noise or the machine, not the profile.",
                null));
        }

        return (new ComparisonVerdict { Headline = Headline(a, b, settings, measurable), Reasons = reasons }, settings);
    }

    private static string Headline(RunRecord a, RunRecord b, List<SettingChange> settings, List<SettingChange> measurable)
    {
        var (pa, pb) = (a.Lab!.Profile, b.Lab!.Profile);
        string Moves(SettingChange s) => string.Join(", ", s.Moved);
        if (settings.Count == 1)
        {
            var only = settings[0];
            return only.Measurable
                ? F($"The one sysctl that {pa} (A) and {pb} (B) set differently, {Short(only.Name)}, changed something measurable for {a.Scenario}: {Moves(only)}.")
                : F($"The one sysctl that {pa} (A) and {pb} (B) set differently, {Short(only.Name)}, changed nothing measurable for {a.Scenario}: {Summary(a, b)}.");
        }

        var quiet = settings.Where(s => !s.Measurable).Select(s => Short(s.Name)).ToList();
        return measurable.Count == 0
            ? F($"None of the {settings.Count} sysctls that {pa} (A) and {pb} (B) set differently changed anything measurable for {a.Scenario}: {Summary(a, b)}.")
            : F($"{measurable.Count} of the {settings.Count} sysctls that {pa} (A) and {pb} (B) set differently changed something measurable for {a.Scenario}: {string.Join("; ", measurable.Select(s => $"{Short(s.Name)} ({Moves(s)})"))}.")
              + (quiet.Count == 0 ? "" : F($" The other {quiet.Count} did not: {string.Join(", ", quiet)}."));
    }

    /// <summary>The watched figures that the general table lacks, for the figure table of this story.</summary>
    public static IEnumerable<ComparisonFigure> ExtraFigures(RunRecord a, RunRecord b) =>
        new[] { WatchedFigures.AddressNotAvailable, WatchedFigures.FinWait2, WatchedFigures.SynRecv }.Select(f => new ComparisonFigure
        {
            Name = f.Name,
            Unit = f.Unit,
            A = f.Read(a),
            B = f.Read(b),
            Change = ComparisonJudge.Change(f.Read(a), f.Read(b)),
        });

    private static SettingChange Setting(string name, SysctlInForce? sa, SysctlInForce? sb, RunRecord a, RunRecord b)
    {
        var (va, vb) = (Value(sa), Value(sb));
        var entry = SysctlCatalogue.Of(name);
        var change = F($"{Short(name)} {Show(va, sa?.Requested)} → {Show(vb, sb?.Requested)}");
        var setting = new SettingChange
        {
            Name = name,
            A = va,
            B = vb,
            RequestedA = sa?.Requested,
            RequestedB = sb?.Requested,
            Applied = !(va == SysctlInForce.Absent && vb == SysctlInForce.Absent),
            Measurable = false,
            Text = "",
        };
        if (!setting.Applied)
        {
            var why = entry.Removal is not null ? "it " + entry.Acts : "this kernel has no such setting";
            return setting with { Text = F($"{change}: asked for, but not applied: {why}. Nothing changed, so nothing could move.") };
        }

        if (va == vb)
        {
            var asker = sa?.Requested is not null ? (sb?.Requested is not null ? "both profiles" : "A's profile") : "B's profile";
            return setting with { Text = F($"{Short(name)} {va} in both runs: {asker} asked for {sb?.Requested ?? sa?.Requested}, which was in force already, so nothing changed.") };
        }

        var longest = Math.Max(a.DurationSeconds, b.DurationSeconds);
        if (entry.WaitsFor is var (waitSysctl, defaultSeconds) && Math.Min(Seconds(a, waitSysctl, defaultSeconds), Seconds(b, waitSysctl, defaultSeconds)) is var wait && longest < wait)
        {
            // Whatever moved in so short a run was not this setting's doing: it had no time to act.
            return setting with { Text = F($"{change}: no measurable change ({string.Join(", ", entry.Figures.Select(f => Values(f, a, b)))}), and none was possible: it {entry.Acts}, and these runs lasted {longest:0.#} s, short of {Short(waitSysctl)} ({wait:0} s).") };
        }

        var moved = entry.Figures.Where(f => f.Moved(a, b)).Select(f => Values(f, a, b)).ToList();
        return moved.Count > 0
            ? setting with { Measurable = true, Moved = moved, Text = F($"{change}: changed {string.Join(", ", moved)}. It {entry.Acts}.") }
            : setting with { Text = F($"{change}: no measurable change ({string.Join(", ", entry.Figures.Select(f => Values(f, a, b)))}). It {entry.Acts}.") };
    }

    /// <summary>The figures that show the load did the same work in both runs, for a headline where nothing moved.</summary>
    private static string Summary(RunRecord a, RunRecord b) => string.Join(", ",
        new[] { WatchedFigures.ConnectionsOpened, WatchedFigures.ServerTimeWait, WatchedFigures.ClientTimeWait, WatchedFigures.Throughput }.Select(f => Values(f, a, b)));

    private static string Values(WatchedFigure f, RunRecord a, RunRecord b) => F($"{f.Name} {f.Read(a):0.##} → {f.Read(b):0.##}");

    /// <summary>The smaller of a wait's two values in force (server and client namespace); the kernel's default where not recorded.</summary>
    private static double Seconds(RunRecord r, string name, double kernelDefault) =>
        r.Lab?.Sysctls.FirstOrDefault(s => s.Name == name) is { } s
            ? new[] { s.Server, s.Client }.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : kernelDefault).Min()
            : kernelDefault;

    /// <summary>A setting's value in force, one figure when both namespaces agree.</summary>
    private static string Value(SysctlInForce? s) =>
        s?.Describe() ?? NotRecorded;

    private static string Show(string inForce, string? requested) =>
        requested is null || requested == inForce ? inForce : $"{inForce} (asked: {requested})";

    private static string Short(string name) =>
        name.StartsWith("net.ipv4.", StringComparison.Ordinal) ? name["net.ipv4.".Length..] : name.StartsWith("net.core.", StringComparison.Ordinal) ? name["net.core.".Length..] : name;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
