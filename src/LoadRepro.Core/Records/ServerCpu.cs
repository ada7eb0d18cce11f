using System.Globalization;

namespace LoadRepro.Core.Records;

/// <summary>
/// The server's CPU over the load (<c>serverCpu</c> in summary.json): CPU seconds (user + system, from /proc/PID/stat, summed
/// over the server's processes) from the last sample before the load started to the first sample after it stopped, and that
/// per 1,000 requests answered. Where there is no reading the figures are null and <see cref="NotMeasured"/> says why: never 0.
/// </summary>
public sealed record ServerCpu
{
    /// <summary>CPU seconds the server used over the window; null when not measured.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>The window's length in seconds: from the last baseline sample to the first sample after the load stopped.</summary>
    public double WindowSeconds { get; init; }

    /// <summary>Requests answered in the run (<c>client.requestsOk</c>).</summary>
    public long Requests { get; init; }

    /// <summary>Milliseconds of server CPU per 1,000 requests answered (the same as microseconds per request); null when not measured.</summary>
    public double? MsPerThousandRequests { get; init; }

    /// <summary>Why there is no figure (no sample of the server during the load, the server died, no request answered); null when measured.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? NotMeasured { get; init; }

    /// <summary>A reading that could not be taken, and why.</summary>
    public static ServerCpu Missing(string why, long requests = 0) => new() { Requests = requests, NotMeasured = why };

    /// <summary>The figure per 1,000 requests in words, e.g. <c>262 ms</c>, or <c>not measured</c>.</summary>
    public string PerThousandText() =>
        MsPerThousandRequests is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:#,0.#} ms") : "not measured";

    /// <summary>In words, e.g. "0.66 CPU s over the 5.2 s load window, 262 ms per 1,000 requests", or "not measured (why)".</summary>
    public string Text() => CpuSeconds is { } s && MsPerThousandRequests is { } ms
        ? string.Create(CultureInfo.InvariantCulture, $"{s:0.00#} CPU s over the {WindowSeconds:0.0} s load window, {ms:#,0.#} ms per 1,000 requests")
        : $"not measured ({NotMeasured})";
}
