using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Charts;

/// <summary>The charts of a comparison: each figure of A and B overlaid on one time axis (seconds since each load started).</summary>
public static class CompareCharts
{
    /// <summary>Descriptors, CLOSE_WAIT, TIME_WAIT and ESTABLISHED of both runs.</summary>
    public static IReadOnlyList<ChartSpec> For(RunResult a, RunResult b)
    {
        var markers = Markers(a, "A").Concat(Markers(b, "B")).ToList();
        var limits = new[] { a.Record.Target.MaxFds, b.Record.Target.MaxFds }.Distinct().ToList();
        var charts = new List<ChartSpec>
        {
            new()
            {
                Title = "Open descriptors of the server",
                YLabel = "descriptors",
                Series = Both(a, b, s => s.Fds),
                Markers = markers,
                Limit = limits.Count == 1 && limits[0] > 0 ? (limits[0], $"limit {limits[0]}") : null,
            },
            new() { Title = "CLOSE_WAIT on the server side", YLabel = "sockets", Series = Both(a, b, s => s.Tcp.CloseWait), Markers = markers },
            new()
            {
                Title = "TIME_WAIT, server side (solid) and client side (dotted)",
                YLabel = "sockets",
                Series = [.. Both(a, b, s => s.Tcp.TimeWait, " server side"), .. Both(a, b, s => s.ClientTcp.TimeWait, " client side", dashed: true)],
                Markers = markers,
            },
            new() { Title = "ESTABLISHED on the server side", YLabel = "sockets", Series = Both(a, b, s => s.Tcp.Established), Markers = markers },
        };
        return charts;
    }

    private static List<ChartSeries> Both(RunResult a, RunResult b, Func<Sample, int> pick, string suffix = "", bool dashed = false) =>
    [
        Line(a, "A", ChartPalette.RunA, pick, suffix, dashed),
        Line(b, "B", ChartPalette.RunB, pick, suffix, dashed),
    ];

    private static ChartSeries Line(RunResult run, string label, string color, Func<Sample, int> pick, string suffix, bool dashed)
    {
        var alive = run.Samples.Where(s => s.Alive && s.Fds > 0).ToList();
        var t0 = run.Record.Phases.LoadStartSeconds;
        return new ChartSeries($"{label}: {RunLabel.Of(run.Record)}{suffix}", alive.Select(s => Math.Round(s.Seconds - t0, 3)).ToList(), alive.Select(s => (double)pick(s)).ToList(), color, dashed);
    }

    private static IEnumerable<ChartMarker> Markers(RunResult run, string label)
    {
        // Both loads start at 0 on this axis: one start marker is enough, drawn with A's.
        foreach (var m in RunCharts.Markers(run.Record, run.Samples))
        {
            if (m.Seconds == 0 && label == "B")
            {
                continue;
            }

            yield return m with { Label = m.Seconds == 0 ? m.Label : $"{label} {m.Label}", Color = m.Color == ChartPalette.Phase ? (label == "A" ? ChartPalette.RunA : ChartPalette.RunB) : m.Color };
        }
    }
}
