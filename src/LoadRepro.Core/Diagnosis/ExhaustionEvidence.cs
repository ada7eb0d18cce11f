using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>What a run saw that may show descriptor exhaustion.</summary>
public sealed record ExhaustionEvidence
{
    /// <summary>Every sample, in time order.</summary>
    public required IReadOnlyList<Sample> Samples { get; init; }

    /// <summary>When the load started, seconds since the run started.</summary>
    public double LoadStartSeconds { get; init; }

    /// <summary>The first accept failure the server reported, if any.</summary>
    public AcceptFailure? FirstAcceptFailure { get; init; }

    /// <summary>How many accept failures the server reported in all.</summary>
    public long AcceptFailures { get; init; }

    /// <summary>When the server exited by itself, seconds since the run started; null when it did not.</summary>
    public double? ServerExitedAtSeconds { get; init; }

    /// <summary>Its exit code.</summary>
    public int? ServerExitCode { get; init; }

    /// <summary>Why it exited, with its last output lines; null when it did not.</summary>
    public string? ServerExitReason { get; init; }
}

/// <summary>An accept() failure seen by the server, with its errno name, in seconds since the run started.</summary>
public sealed record AcceptFailure(double Seconds, string Errno);
