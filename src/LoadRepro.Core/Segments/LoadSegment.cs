using System.Globalization;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Segments;

/// <summary>
/// The i-th of n shares of a scenario's load (<c>run --segment i/n</c>), so n independent instances together make the whole
/// load, as k6's execution segments do. Each figure is split into whole shares that add up to it exactly: the first
/// <c>total mod n</c> segments take one more (1000 over 3: 334, 333, 333).
/// </summary>
public sealed record LoadSegment
{
    private LoadSegment(int index, int count) => (Index, Count) = (index, count);

    /// <summary>The segment, 1-based: 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>How many segments the load is split into.</summary>
    public int Count { get; }

    /// <summary>Reads <c>i/n</c> (1 ≤ i ≤ n).</summary>
    /// <exception cref="FormatException">Not <c>i/n</c> with 1 ≤ i ≤ n; the message is one line.</exception>
    public static LoadSegment Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"--segment: '{text}' is not i/n (e.g. 2/3: the second of three shares)");
        }

        if (count < 1 || index < 1 || index > count)
        {
            throw new FormatException($"--segment: {text} is out of range: i counts from 1 to n (1/{Math.Max(count, 1)} to {Math.Max(count, 1)}/{Math.Max(count, 1)})");
        }

        return new LoadSegment(index, count);
    }

    /// <summary>This segment's share of <paramref name="total"/>: the whole shares of all segments add up to it.</summary>
    public int ShareOf(int total) => (total / Count) + (Index <= total % Count ? 1 : 0);

    /// <summary>
    /// <paramref name="scenario"/> with its load cut to this segment's share: rate (and each stage's rate), maxRequests, and
    /// the concurrency where the load uses it (closed model, keep-alive and idle-hold connections).
    /// </summary>
    /// <exception cref="ArgumentException">A share would be 0 (fewer arrivals, workers or requests than segments); the message is one line.</exception>
    public ScenarioDefinition Apply(ScenarioDefinition scenario)
    {
        var load = scenario.Load;
        var concurrencyUsed = load.Model == LoadModelKind.Concurrency || load.Connection is ConnectionKind.KeepAlive or ConnectionKind.IdleHold;
        Refuse(concurrencyUsed, load.Concurrency, "concurrency", "workers or connections");
        Refuse(load.Model == LoadModelKind.Rate, load.Rate, "rate", "arrivals per second");
        Refuse(true, load.MaxRequests, "maxRequests", "requests");
        var share = new LoadShare
        {
            Rate = ShareOf(load.Rate),
            Concurrency = concurrencyUsed ? ShareOf(load.Concurrency) : load.Concurrency,
            MaxRequests = ShareOf(load.MaxRequests),
        };
        return scenario with
        {
            Load = load with
            {
                Rate = share.Rate,
                Concurrency = share.Concurrency,
                MaxRequests = share.MaxRequests,
                Stages = load.Stages.Select(s => s with { Rate = ShareOf(s.Rate) }).ToList(),
            },
            Segment = new SegmentInfo
            {
                Index = Index,
                Count = Count,
                Share = share,
                Whole = new LoadShare { Rate = load.Rate, Concurrency = load.Concurrency, MaxRequests = load.MaxRequests },
            },
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private void Refuse(bool used, int total, string key, string what)
    {
        if (used && total < Count)
        {
            throw new ArgumentException($"--segment {this}: the scenario's {key} of {total} cannot be split into {Count} shares without a share of 0 {what}; use at most {total} segments");
        }
    }
}
