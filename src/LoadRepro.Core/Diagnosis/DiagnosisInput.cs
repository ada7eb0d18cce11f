using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>What the diagnosis rules read: the samples and a few facts of the run.</summary>
public sealed record DiagnosisInput
{
    /// <summary>Every sample, in time order.</summary>
    public required IReadOnlyList<Sample> Samples { get; init; }

    /// <summary>When the load started, seconds since the run started.</summary>
    public double LoadStartSeconds { get; init; }

    /// <summary>When the load stopped, seconds since the run started.</summary>
    public double LoadStopSeconds { get; init; }

    /// <summary>The target's soft descriptor limit.</summary>
    public int FdLimit { get; init; }

    /// <summary>What the client measured.</summary>
    public ClientSummary Client { get; init; } = new();

    /// <summary>Local ports available per (source, destination, port) tuple: the size of ip_local_port_range.</summary>
    public int PortRangeSize { get; init; } = 28_232;

    /// <summary>The port under test, named when the summary says what was already on it; null when not known.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// Whether socket states are judged as growth over the last sample before the load (a run; default) or as they stand
    /// (watch, where nothing is loaded and a pile seen from the first sample on is the finding).
    /// </summary>
    public bool JudgeFromBaseline { get; init; } = true;

    /// <summary>When EMFILE was first seen, in seconds since the load started; null when it was not.</summary>
    public double? ExhaustionSeconds { get; init; }
}
