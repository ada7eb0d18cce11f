using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Loads;

/// <summary>What the load child writes when its load is over: the same two things an in-process load gives.</summary>
public sealed record LoadChildResult
{
    /// <summary>The client summary.</summary>
    public required ClientSummary Client { get; init; }

    /// <summary>One row per second of load (<c>client.csv</c>).</summary>
    public IReadOnlyList<ClientSecond> Seconds { get; init; } = [];

    /// <summary>The kind of request (plus one; 0: none) whose connection was last opened from each client port, for the leak attribution.</summary>
    public byte[]? KindsByPort { get; init; }

    /// <summary>The latency histograms as <c>latency.hlog</c> text (<see cref="Load.Metrics.LatencyLog"/>), for the run directory and <c>loadrepro merge</c>.</summary>
    public string? LatencyLog { get; init; }
}
