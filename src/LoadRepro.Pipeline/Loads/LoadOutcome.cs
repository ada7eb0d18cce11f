using LoadRepro.Core.Records;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Pipeline.Loads;

/// <summary>What a load measured: the client summary, its per-second rows (<c>client.csv</c>), and a problem worth saying.</summary>
/// <param name="Client">The client summary.</param>
/// <param name="Seconds">One row per second of load.</param>
/// <param name="Problem">Why the summary is empty (the load child wrote none), else null.</param>
public sealed record LoadOutcome(ClientSummary Client, IReadOnlyList<ClientSecond> Seconds, string? Problem = null)
{
    /// <summary>
    /// The kind of request (its index in the mix, plus one; 0: none) whose connection was last opened from each client
    /// port, indexed by port; null when the load did not say (a child that wrote no summary).
    /// </summary>
    public byte[]? KindsByPort { get; init; }

    /// <summary>The latency histograms, kept in the run directory (<c>latency.hlog</c>) for <c>loadrepro merge</c>; null when the load did not hand them over (the lab's load child).</summary>
    public LatencyHistograms? Latency { get; init; }
}
