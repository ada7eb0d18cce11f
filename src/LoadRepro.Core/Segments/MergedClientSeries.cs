using LoadRepro.Core.Records;

namespace LoadRepro.Core.Segments;

/// <summary>
/// The client's per-second series (<c>client.csv</c>) of several runs added up on the wall clock: each run's row is placed in
/// the second, counted from the earliest load start, in which it ended. Counts are summed; the p99 of a second is the highest
/// of the runs' p99s in it (an upper bound: a second's requests are not kept, only its percentile).
/// </summary>
public static class MergedClientSeries
{
    /// <summary>Adds the runs' series; <paramref name="loadStart"/> is the earliest of their loads' starts.</summary>
    public static IReadOnlyList<ClientSecond> Sum(IReadOnlyList<RunResult> runs, DateTimeOffset loadStart)
    {
        var seconds = new SortedDictionary<int, ClientSecond>();
        foreach (var run in runs)
        {
            var offset = (LoadStartOf(run.Record) - loadStart).TotalSeconds;
            foreach (var row in run.Client)
            {
                // A row ends at row.Seconds after its run's load start; 1 ms of slack keeps a row that ends on a whole second in it.
                var second = Math.Max(1, (int)Math.Ceiling(offset + row.Seconds - 0.001));
                seconds[second] = seconds.TryGetValue(second, out var sum) ? Add(sum, row) : row with { Seconds = second };
            }
        }

        return [.. seconds.Values];
    }

    /// <summary>When a run's load started, on the wall clock.</summary>
    public static DateTimeOffset LoadStartOf(RunRecord record) => record.StartedAt.AddSeconds(record.Phases.LoadStartSeconds);

    /// <summary>When a run's load stopped, on the wall clock.</summary>
    public static DateTimeOffset LoadStopOf(RunRecord record) => record.StartedAt.AddSeconds(record.Phases.LoadStopSeconds);

    private static ClientSecond Add(ClientSecond a, ClientSecond b)
    {
        var errors = new SortedDictionary<string, long>(a.Errors.ToDictionary(), StringComparer.Ordinal);
        foreach (var (kind, n) in b.Errors)
        {
            errors[kind] = errors.GetValueOrDefault(kind) + n;
        }

        return a with
        {
            Started = a.Started + b.Started,
            Ok = a.Ok + b.Ok,
            Failed = a.Failed + b.Failed,
            ConnectionsOpened = a.ConnectionsOpened + b.ConnectionsOpened,
            LateArrivals = a.LateArrivals + b.LateArrivals,
            P99Ms = Math.Max(a.P99Ms, b.P99Ms),
            Errors = errors,
        };
    }
}
