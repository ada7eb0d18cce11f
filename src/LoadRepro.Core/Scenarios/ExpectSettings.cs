namespace LoadRepro.Core.Scenarios;

/// <summary>Pass/fail gates (<c>expect:</c>); each unset gate is not checked.</summary>
public sealed record ExpectSettings
{
    /// <summary>
    /// The <see cref="Core.Diagnosis.DiagnosisKind"/> the run must reach, by its name (e.g. <c>close-wait-leak</c>): a name, not the
    /// kind, because the scenario parser produces a name here.
    /// </summary>
    public string? Diagnosis { get; init; }

    /// <summary>Whether descriptor exhaustion (EMFILE) must be reached (true) or must not (false).</summary>
    public bool? Exhaustion { get; init; }

    /// <summary>The most server-side CLOSE_WAIT sockets allowed at any sample.</summary>
    public int? MaxCloseWait { get; init; }

    /// <summary>The most TIME_WAIT sockets (server and client side) allowed at any sample.</summary>
    public int? MaxTimeWait { get; init; }

    /// <summary>The most descriptors the server may gain over its baseline.</summary>
    public int? MaxFdGrowth { get; init; }

    /// <summary>The least share of requests that must succeed, 0 to 1.</summary>
    public double? MinSuccessRatio { get; init; }

    /// <summary>The highest p99 latency allowed, in milliseconds.</summary>
    public double? MaxP99Ms { get; init; }

    /// <summary>True when no gate is set.</summary>
    public bool IsEmpty => this == new ExpectSettings();
}
