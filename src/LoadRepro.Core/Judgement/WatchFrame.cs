using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>What the watch shows after a sample: the figures, their trend, the projection and the diagnosis.</summary>
public sealed record WatchFrame
{
    /// <summary>The newest sample.</summary>
    public required Sample Latest { get; init; }

    /// <summary>True when TCP states are split by a port under test; false when they are the process's own sockets.</summary>
    public required bool ByPort { get; init; }

    /// <summary>CLOSE_WAIT sockets attributed to the process: server side with a port, owned without.</summary>
    public required int CloseWait { get; init; }

    /// <summary>ESTABLISHED sockets attributed the same way.</summary>
    public required int Established { get; init; }

    /// <summary>TIME_WAIT sockets: both sides of the port with a port; the namespace's sockstat count without.</summary>
    public required int TimeWait { get; init; }

    /// <summary>Per-second trends over the last seconds.</summary>
    public required WatchTrends Trends { get; init; }

    /// <summary>"at this rate the limit of N is reached in about T s", when descriptors or CLOSE_WAIT grow; else null.</summary>
    public string? Projection { get; init; }

    /// <summary>The diagnosis kind (the report's rules).</summary>
    public required DiagnosisKind DiagnosisKind { get; init; }

    /// <summary>The diagnosis in one line.</summary>
    public required string DiagnosisLine { get; init; }
}
