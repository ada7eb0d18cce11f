using LoadRepro.Core.Gates;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Core.Segments;

/// <summary>
/// One run made of a scenario's segments (<c>loadrepro merge</c>): the client's counts added, latency from the segments'
/// histograms added together (never averaged percentiles), <c>client.csv</c> added per wall-clock second, and the server's
/// samples from the first segment (in order) whose agent sampled it on its host, else the first that sampled it; then judged again as a run is, with the scenario's gates.
/// </summary>
public static class MergedRun
{
    /// <summary>Merges <paramref name="set"/>; <paramref name="latency"/> is null when a segment kept no histogram (then the percentiles are the highest of the segments', and the record says so).</summary>
    public static RunResult Merge(SegmentSet set, MergedLatency? latency, string directory)
    {
        var runs = set.Runs;
        // The server's own host sampled it best: a segment that ran with the agent (run --agent), else the first with samples.
        var server = runs.FirstOrDefault(r => r.Record.Samples.Agent is not null && r.Samples.Any(s => s.Alive))
            ?? runs.FirstOrDefault(r => r.Samples.Any(s => s.Alive)) ?? runs[0];
        var start = runs.Min(r => r.Record.StartedAt);
        var loadStart = runs.Min(r => MergedClientSeries.LoadStartOf(r.Record));
        var loadStop = runs.Max(r => MergedClientSeries.LoadStopOf(r.Record));
        var end = runs.Max(r => r.Record.StartedAt.AddSeconds(r.Record.DurationSeconds));
        var shift = (server.Record.StartedAt - start).TotalSeconds;
        var samples = server.Samples.Select(s => s with { Seconds = Math.Round(s.Seconds + shift, 3) }).ToList();
        var first = runs[0].Record;
        var load = first.Load with
        {
            Rate = Merged(runs, l => l.Rate),
            Concurrency = Merged(runs, l => l.Concurrency),
            MaxRequests = Merged(runs, l => l.MaxRequests),
        };
        var scenario = new ScenarioDefinition
        {
            Name = first.Scenario,
            Load = new LoadSettings
            {
                Model = load.Model,
                Connection = load.Connection,
                Http = load.Http,
                Rate = load.Rate,
                Concurrency = load.Concurrency,
                Duration = TimeSpan.FromSeconds(load.DurationSeconds),
                MaxRequests = load.MaxRequests,
            },
            Sample = new SampleSettings { Interval = TimeSpan.FromMilliseconds(server.Record.Samples.IntervalMs) },
            Expect = GatesOf(first),
        };
        var record = RunJudgement.Judge(new RunMeasurements
        {
            Scenario = scenario,
            StartedAt = start,
            WallSeconds = (end - start).TotalSeconds,
            Interrupted = runs.Any(r => r.Record.Interrupted),
            Target = server.Record.Target,
            Samples = samples,
            Phases = new PhaseTimes
            {
                LoadStartSeconds = Math.Round((loadStart - start).TotalSeconds, 3),
                LoadStopSeconds = Math.Round((loadStop - start).TotalSeconds, 3),
            },
            Client = Client(runs, latency, (loadStop - loadStart).TotalSeconds),
            Server = server.Record.Server,
            PortRangeSize = PortRange(server.Record),
            Host = server.Record.Host,
            SampleSource = server.Record.Samples.Source,
        });
        var merged = record with
        {
            Samples = record.Samples with { Agent = server.Record.Samples.Agent },
            Merged = new MergeInfo
            {
                Count = set.Count,
                Segments = runs.Select(r => r.Record.Segment!.Index).ToList(),
                Partial = set.Missing.Count > 0,
                Runs = runs.Select(SegmentSet.Name).ToList(),
                ServerSeriesFrom = SegmentSet.Name(server),
                LatencyMergedExactly = latency is not null,
            },
        };
        return new RunResult(directory, merged, samples, MergedClientSeries.Sum(runs, loadStart));
    }

    /// <summary>
    /// The merged runs' figure: the sum of their shares, or the whole where it was not split (a share of several segments
    /// equals the whole only then, e.g. the concurrency of short connections at a rate, which the rate model does not use).
    /// </summary>
    private static int Merged(IReadOnlyList<RunResult> runs, Func<LoadShare, int> figure)
    {
        var segments = runs.Select(r => r.Record.Segment!).ToList();
        return segments[0].Count > 1 && segments.All(s => figure(s.Share) == figure(s.Whole))
            ? figure(segments[0].Whole)
            : segments.Sum(s => figure(s.Share));
    }

    private static ClientSummary Client(IReadOnlyList<RunResult> runs, MergedLatency? latency, double loadSeconds)
    {
        var clients = runs.Select(r => r.Record.Client).ToList();
        var ok = clients.Sum(c => c.RequestsOk);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, n) in clients.SelectMany(c => c.Errors))
        {
            errors[kind] = errors.GetValueOrDefault(kind) + n;
        }

        var kinds = clients[0].Requests?.Select((k, i) => k with
        {
            RequestsOk = clients.Sum(c => c.Requests?.ElementAtOrDefault(i)?.RequestsOk ?? 0),
            RequestsFailed = clients.Sum(c => c.Requests?.ElementAtOrDefault(i)?.RequestsFailed ?? 0),
            ConnectionsOpened = clients.Sum(c => c.Requests?.ElementAtOrDefault(i)?.ConnectionsOpened ?? 0),
            LatencyMs = latency?.ByKind.ElementAtOrDefault(i) ?? Highest(clients.Select(c => c.Requests?.ElementAtOrDefault(i)?.LatencyMs)),
        }).ToList();
        return new ClientSummary
        {
            RequestsOk = ok,
            RequestsFailed = clients.Sum(c => c.RequestsFailed),
            LateArrivals = clients.Sum(c => c.LateArrivals),
            ConnectionsOpened = clients.Sum(c => c.ConnectionsOpened),
            ThroughputRps = loadSeconds > 0 ? Math.Round(ok / loadSeconds, 1) : 0,
            Errors = errors,
            LatencyMs = latency?.All ?? Highest(clients.Select(c => c.LatencyMs)),
            Requests = kinds,
        };
    }

    /// <summary>Without histograms, the highest of each percentile: an upper bound, never an average.</summary>
    private static LatencySummary Highest(IEnumerable<LatencySummary?> summaries)
    {
        var known = summaries.OfType<LatencySummary>().ToList();
        return known.Count == 0 ? new LatencySummary() : new LatencySummary
        {
            P50 = known.Max(l => l.P50),
            P90 = known.Max(l => l.P90),
            P99 = known.Max(l => l.P99),
            Max = known.Max(l => l.Max),
        };
    }

    /// <summary>The scenario's gates as the segment's record lists them, to judge the whole load by (serverSurvived is the judgement's own).</summary>
    private static ExpectSettings GatesOf(RunRecord record) =>
        ExpectOverrides.Apply(new ExpectSettings(), record.Gates
            .Where(g => ExpectOverrides.Keys.Contains(g.Name))
            .Select(g => $"{g.Name}={g.Limit.Replace("≤ ", "", StringComparison.Ordinal).Replace("≥ ", "", StringComparison.Ordinal).Replace(" ms", "", StringComparison.Ordinal)}"));

    private static int PortRange(RunRecord record) =>
        record.Host?.Sysctls.FirstOrDefault(s => s.Key.EndsWith("ip_local_port_range", StringComparison.Ordinal)).Value is { } range
            ? LocalPortRange.PortsPerTuple(range) ?? LocalPortRange.KernelDefaultSize
            : LocalPortRange.KernelDefaultSize;
}
