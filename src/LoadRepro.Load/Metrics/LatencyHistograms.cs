using HdrHistogram;

namespace LoadRepro.Load.Metrics;

/// <summary>A run's latency histograms (microseconds from each request's intended start): all requests, and each kind of request in the mix's order.</summary>
/// <param name="All">Every successful request.</param>
/// <param name="ByKind">One per kind of request (<c>load.request</c>, <c>load.requests</c>), in the mix's order.</param>
public sealed record LatencyHistograms(HistogramBase All, IReadOnlyList<HistogramBase> ByKind)
{
    /// <summary>
    /// The histograms of several runs of one mix added together, bucket by bucket: the count of the sum is the sum of the counts, and
    /// its percentiles are those of every request of every run (never an average of the runs' percentiles).
    /// </summary>
    /// <exception cref="InvalidDataException">The runs' mixes have different numbers of kinds.</exception>
    public static LatencyHistograms Sum(IReadOnlyList<LatencyHistograms> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var kinds = runs[0].ByKind.Count;
        if (runs.Any(r => r.ByKind.Count != kinds))
        {
            throw new InvalidDataException($"the runs' latency histograms have different kinds of request ({string.Join(", ", runs.Select(r => r.ByKind.Count))})");
        }

        return new LatencyHistograms(
            Add(runs.Select(r => r.All)),
            Enumerable.Range(0, kinds).Select(k => Add(runs.Select(r => r.ByKind[k]))).ToList());
    }

    /// <summary>A new histogram holding every count of <paramref name="histograms"/>.</summary>
    internal static LongHistogram Add(IEnumerable<HistogramBase> histograms)
    {
        var sum = new LongHistogram(1, LoadMetrics.MaxLatencyMicros, LoadMetrics.Digits);
        foreach (var h in histograms)
        {
            sum.Add(h);
        }

        return sum;
    }
}
