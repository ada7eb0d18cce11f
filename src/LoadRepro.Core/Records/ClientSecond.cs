namespace LoadRepro.Core.Records;

/// <summary>What the client measured in one second of the load (a row of <c>client.csv</c>).</summary>
public sealed record ClientSecond
{
    /// <summary>The end of the second, in seconds since the load started (the last row may cover less than a second).</summary>
    public required double Seconds { get; init; }

    /// <summary>Requests started in the second.</summary>
    public long Started { get; init; }

    /// <summary>Requests answered in the second.</summary>
    public long Ok { get; init; }

    /// <summary>Requests failed in the second.</summary>
    public long Failed { get; init; }

    /// <summary>TCP connections opened in the second.</summary>
    public long ConnectionsOpened { get; init; }

    /// <summary>Arrivals that started late in the second (rate model).</summary>
    public long LateArrivals { get; init; }

    /// <summary>99th percentile latency of the requests answered in the second, in milliseconds (0 when none).</summary>
    public double P99Ms { get; init; }

    /// <summary>Failures in the second by kind (errno name, timeout, badResponse).</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();
}
