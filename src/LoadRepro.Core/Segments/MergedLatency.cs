using LoadRepro.Core.Records;

namespace LoadRepro.Core.Segments;

/// <summary>Percentiles read from the segments' latency histograms added together: every request, and each kind of request in the mix's order.</summary>
/// <param name="All">Every successful request of every segment.</param>
/// <param name="ByKind">Each kind of request, in the mix's order.</param>
public sealed record MergedLatency(LatencySummary All, IReadOnlyList<LatencySummary> ByKind);
