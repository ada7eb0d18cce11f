namespace LoadRepro;

/// <summary>Overrides and placement for one run (every one optional; null keeps the scenario's own).</summary>
public sealed record RunOptions
{
    /// <summary>How long the load runs.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Arrivals per second: switches to the open (rate) model.</summary>
    public int? Rate { get; init; }

    /// <summary>Workers: switches to the closed (concurrency) model.</summary>
    public int? Concurrency { get; init; }

    /// <summary>The server's soft descriptor limit (the embedded server's, or your server's when the run starts it).</summary>
    public int? MaxFds { get; init; }

    /// <summary>How long sampling goes on after the load stops.</summary>
    public TimeSpan? Drain { get; init; }

    /// <summary>Gates added to or overriding the scenario's <c>expect:</c>, each <c>key=value</c> (e.g. <c>maxFdGrowth=50</c>).</summary>
    public IReadOnlyList<string> Expect { get; init; } = [];

    /// <summary>The folder the run's report directory is made in; default <c>reports/</c> beside the scenarios folder.</summary>
    public string? ReportsFolder { get; init; }

    /// <summary>Runs the embedded server and the load in network namespaces of their own (needs root); lab scenarios always do.</summary>
    public bool Lab { get; init; }

    /// <summary>The lab's sysctl profile (a name in <c>scenarios/profiles/</c> or a file); default the scenario's, else <c>kernel-default</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Runs the i-th of n shares of the load, written <c>i/n</c> with i from 1 (e.g. <c>2/3</c>): rate, concurrency and
    /// maxRequests in whole shares that add up to the scenario's, so n runs on n hosts make the whole load together.
    /// </summary>
    public string? Segment { get; init; }
}
