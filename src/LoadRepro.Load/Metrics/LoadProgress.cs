namespace LoadRepro.Load.Metrics;

/// <summary>The client's counters at one moment, for live views; the same whether the load runs here or in a child.</summary>
public sealed record LoadProgress
{
    /// <summary>Nothing yet.</summary>
    public static LoadProgress None { get; } = new();

    /// <summary>Requests answered.</summary>
    public long Ok { get; init; }

    /// <summary>Requests failed.</summary>
    public long Failed { get; init; }

    /// <summary>TCP connections opened.</summary>
    public long ConnectionsOpened { get; init; }

    /// <summary>Arrivals that started late (rate model).</summary>
    public long LateArrivals { get; init; }

    /// <summary>Failures by kind.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Counts and latency per kind of request.</summary>
    public IReadOnlyList<Core.Records.RequestKindSummary> Requests { get; init; } = [];
}
