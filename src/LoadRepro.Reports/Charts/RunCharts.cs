using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Charts;

/// <summary>
/// The charts of one run: descriptors against the limit, TCP states on the server side and on the client side, and,
/// when the client's per-second series is known, requests answered and failed per second and p99 latency per second.
/// </summary>
public static class RunCharts
{
    /// <summary>The charts, on a time axis of seconds since the load started, with the run's moments marked.</summary>
    public static IReadOnlyList<ChartSpec> For(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client)
    {
        // A reading of no descriptors at all is the process dying between two reads, not a value.
        var alive = samples.Where(s => s.Alive && s.Fds > 0).ToList();
        var t0 = run.Phases.LoadStartSeconds;
        var x = alive.Select(s => Math.Round(s.Seconds - t0, 3)).ToList();
        ChartSeries Line(string label, Func<Sample, double> y, string color) => new(label, x, alive.Select(y).ToList(), color);

        var markers = Markers(run, samples);
        var charts = new List<ChartSpec>
        {
            new()
            {
                Title = "Open descriptors of the server",
                YLabel = "descriptors",
                Series =
                [
                    Line("all descriptors", s => s.Fds, ChartPalette.Descriptors),
                    Line("sockets", s => s.SocketFds, ChartPalette.SocketDescriptors),
                    Line("other (files, pipes)", s => s.OtherFds, ChartPalette.OtherDescriptors),
                ],
                Markers = markers,
                Limit = run.Target.MaxFds > 0 ? (run.Target.MaxFds, $"limit {run.Target.MaxFds}") : null,
            },
            States("TCP states on the server side (local port = server port)", alive, x, s => s.Tcp, markers),
            States("TCP states on the client side (remote port = server port)", alive, x, s => s.ClientTcp, markers),
        };
        if (client.Count > 0)
        {
            charts.AddRange(Client(client, markers));
        }

        return charts;
    }

    /// <summary>Load start, load stop, the first EMFILE and the server's exit, in seconds since the load started.</summary>
    public static IReadOnlyList<ChartMarker> Markers(RunRecord run, IReadOnlyList<Sample> samples)
    {
        var markers = new List<ChartMarker>
        {
            new(0, "load start", ChartPalette.Phase),
            new(Math.Round(run.Phases.LoadStopSeconds - run.Phases.LoadStartSeconds, 3), "load stop", ChartPalette.Phase),
        };
        if (run.Exhaustion.FirstAtSeconds is { } emfile)
        {
            markers.Add(new ChartMarker(emfile, "first EMFILE", ChartPalette.Limit));
        }

        // The lines stop where the server died: say so where they stop.
        if (run.Server.Exited && samples.LastOrDefault(s => s.Alive && s.Fds > 0) is { } lastAlive)
        {
            markers.Add(new ChartMarker(Math.Round(lastAlive.Seconds - run.Phases.LoadStartSeconds, 3), $"server exited ({run.Server.ExitCode})", ChartPalette.Limit));
        }

        return markers;
    }

    /// <summary>
    /// What the client saw each second: answers, failures by kind (the <see cref="MaxFailureLines"/> most frequent kinds, named
    /// after errno where one applies, and the rest together), and p99 latency.
    /// </summary>
    private static IEnumerable<ChartSpec> Client(IReadOnlyList<ClientSecond> rows, IReadOnlyList<ChartMarker> markers)
    {
        // Each row covers the second that ends at its time (the last one may be shorter): rates divide by the real span.
        var x = rows.Select(r => r.Seconds).ToList();
        var spans = rows.Select((r, i) => Math.Max(0.001, r.Seconds - (i == 0 ? 0 : rows[i - 1].Seconds))).ToList();
        ChartSeries Rate(string label, Func<ClientSecond, long> count, string color) =>
            new(label, x, rows.Select((r, i) => Math.Round(count(r) / spans[i], 1)).ToList(), color);

        yield return new ChartSpec
        {
            Title = "Requests per second seen by the client",
            YLabel = "requests/s",
            Series = [Rate("answered", r => r.Ok, ChartPalette.Ok), .. Failures(rows, Rate)],
            Markers = markers,
        };
        yield return new ChartSpec
        {
            Title = "Latency p99 per second (from each request's scheduled start)",
            YLabel = "milliseconds",
            Series = [new ChartSeries("p99", x, rows.Select(r => r.P99Ms).ToList(), ChartPalette.Descriptors)],
            Markers = markers,
        };
    }

    /// <summary>Kinds of failure drawn as lines of their own; more would crowd the legend (client.csv has every kind).</summary>
    public const int MaxFailureLines = 3;

    private static IEnumerable<ChartSeries> Failures(IReadOnlyList<ClientSecond> rows, Func<string, Func<ClientSecond, long>, string, ChartSeries> rate)
    {
        var kinds = rows.SelectMany(r => r.Errors).GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => (Kind: g.Key, Total: g.Sum(e => e.Value)))
            .Where(k => k.Total > 0)
            .OrderByDescending(k => k.Total).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .Select(k => k.Kind)
            .ToList();
        if (kinds.Count == 0)
        {
            // Nothing failed (or the kinds are unknown): one flat line says so.
            yield return rate("failed", r => r.Failed, ChartPalette.Failed);
            yield break;
        }

        // One kind past the cap is drawn itself: an "other" line is worth it only for two or more.
        var drawn = kinds.Count <= MaxFailureLines + 1 ? kinds : kinds.Take(MaxFailureLines).ToList();
        for (var i = 0; i < drawn.Count; i++)
        {
            var kind = drawn[i];
            yield return rate($"failed: {kind}", r => r.Errors.GetValueOrDefault(kind), ChartPalette.Failures[i]);
        }

        if (kinds.Count > drawn.Count)
        {
            yield return rate($"failed: {kinds.Count - drawn.Count} other kinds", r => r.Errors.Where(e => !drawn.Contains(e.Key)).Sum(e => e.Value), ChartPalette.OtherFailures);
        }
    }

    private static ChartSpec States(string title, List<Sample> alive, List<double> x, Func<Sample, TcpStateCounts> side, IReadOnlyList<ChartMarker> markers)
    {
        // The states that tell the story are always drawn; the rest only when they were seen, to keep the legend short.
        var states = new (string Name, Func<TcpStateCounts, int> Count, string Color, bool Always)[]
        {
            ("ESTABLISHED", c => c.Established, ChartPalette.Established, true),
            ("CLOSE_WAIT", c => c.CloseWait, ChartPalette.CloseWait, true),
            ("TIME_WAIT", c => c.TimeWait, ChartPalette.TimeWait, true),
            ("FIN_WAIT2", c => c.FinWait2, ChartPalette.FinWait2, false),
            ("LAST_ACK", c => c.LastAck, ChartPalette.LastAck, false),
        };
        var series = states
            .Where(st => st.Always || alive.Any(s => st.Count(side(s)) > 0))
            .Select(st => new ChartSeries(st.Name, x, alive.Select(s => (double)st.Count(side(s))).ToList(), st.Color))
            .ToList();
        return new ChartSpec { Title = title, YLabel = "sockets", Series = series, Markers = markers };
    }
}
