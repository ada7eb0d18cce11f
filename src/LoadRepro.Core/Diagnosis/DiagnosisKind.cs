namespace LoadRepro.Core.Diagnosis;

/// <summary>What a run shows (docs/ARCHITECTURE.md, "Run record"); written in kebab-case, e.g. <c>close-wait-leak</c>.</summary>
public enum DiagnosisKind
{
    /// <summary>CLOSE_WAIT grows and does not drain: the process never closes after the peer's FIN.</summary>
    CloseWaitLeak,

    /// <summary>ESTABLISHED connections pile up and stay: no idle timeout, or a stuck handler.</summary>
    EstablishedLeak,

    /// <summary>Descriptors grow while sockets stay flat: files, pipes or other handles leak.</summary>
    FdLeakNonSocket,

    /// <summary>TIME_WAIT builds to a plateau of close rate × 60 s: normal, holds no descriptor.</summary>
    TimeWaitAccumulation,

    /// <summary>The connecting side ran out of local ports (EADDRNOTAVAIL).</summary>
    PortExhaustion,

    /// <summary>Descriptors and socket states stay flat.</summary>
    Healthy,
}
