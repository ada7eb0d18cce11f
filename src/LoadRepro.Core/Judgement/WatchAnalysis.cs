using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>Turns the samples so far into a <see cref="WatchFrame"/>: trends, projection to the descriptor limit, diagnosis.</summary>
public static class WatchAnalysis
{
    /// <summary>Trends are fitted over this much of the most recent series.</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromSeconds(5);

    /// <summary>Growth below this many per second is noise, not a leak to project.</summary>
    public const double MinGrowthPerSecond = 0.5;

    /// <summary>Builds the frame for the newest sample of <paramref name="samples"/> (alive samples, in time order).</summary>
    public static WatchFrame Analyze(IReadOnlyList<Sample> samples, bool byPort)
    {
        var last = samples[^1];
        var from = last.Seconds - TrendWindow.TotalSeconds;
        var window = samples.Where(s => s.Seconds >= from).ToList();
        double Trend(Func<Sample, int> figure) =>
            LeakRate.Slope(window.Select(s => (s.Seconds, (double)figure(s))).ToList()) is { } slope ? Math.Round(slope, 1) : 0;

        var trends = new WatchTrends(
            Trend(s => s.Fds), Trend(s => s.SocketFds), Trend(s => s.OtherFds),
            Trend(s => CloseWaitOf(s, byPort)), Trend(s => EstablishedOf(s, byPort)), Trend(s => TimeWaitOf(s, byPort)));

        // The report's rules read the server side (Tcp); without a port the process's own sockets are its server side.
        var forRules = byPort ? samples : samples.Select(s => s with { Tcp = s.OwnedTcp }).ToList();
        // Nothing is loaded by us here: every sample counts as "after", so a pile that stays is judged as staying.
        var diagnosis = DiagnosisRules.Diagnose(new DiagnosisInput
        {
            Samples = forRules,
            LoadStartSeconds = samples[0].Seconds,
            LoadStopSeconds = samples[0].Seconds,
            FdLimit = last.FdLimit,
            JudgeFromBaseline = false,
        });

        return new WatchFrame
        {
            Latest = last,
            ByPort = byPort,
            CloseWait = CloseWaitOf(last, byPort),
            Established = EstablishedOf(last, byPort),
            TimeWait = TimeWaitOf(last, byPort),
            Trends = trends,
            Projection = Projection(last, trends),
            DiagnosisKind = diagnosis.Kind,
            DiagnosisLine = FirstSentence(diagnosis.Summary),
        };
    }

    /// <summary>Seconds until the soft limit at the current growth, or null when nothing grows.</summary>
    public static double? SecondsToLimit(Sample s, WatchTrends t)
    {
        // Each CLOSE_WAIT socket holds a descriptor: either growth leads to the same limit.
        var rate = Math.Max(t.Fds, t.CloseWait);
        return rate >= MinGrowthPerSecond && s.FdLimit > 0 ? Math.Max(0, (s.FdLimit - s.Fds) / rate) : null;
    }

    private static string? Projection(Sample s, WatchTrends t)
    {
        if (SecondsToLimit(s, t) is not { } seconds)
        {
            return null;
        }

        var what = t.CloseWait >= t.Fds ? "CLOSE_WAIT" : "descriptors";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} grow by {Math.Max(t.Fds, t.CloseWait):0.#}/s: at this rate the limit of {s.FdLimit} descriptors is reached in about {seconds:0} s");
    }

    private static int CloseWaitOf(Sample s, bool byPort) => byPort ? s.Tcp.CloseWait : s.OwnedTcp.CloseWait;

    private static int EstablishedOf(Sample s, bool byPort) => byPort ? s.Tcp.Established : s.OwnedTcp.Established;

    private static int TimeWaitOf(Sample s, bool byPort) => byPort ? s.Tcp.TimeWait + s.ClientTcp.TimeWait : s.Sockstat.TimeWait;

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }
}
