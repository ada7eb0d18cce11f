namespace LoadRepro.Core.Scenarios;

/// <summary>The diagnosis kinds a run can reach (docs/ARCHITECTURE.md, "Run record").</summary>
public static class DiagnosisKinds
{
    /// <summary>CLOSE_WAIT grows and does not drain: the process never closes after the peer's FIN.</summary>
    public const string CloseWaitLeak = "close-wait-leak";

    /// <summary>ESTABLISHED connections pile up and stay: no idle timeout, or a stuck handler.</summary>
    public const string EstablishedLeak = "established-leak";

    /// <summary>Descriptors grow while sockets stay flat: files, pipes or other handles leak.</summary>
    public const string FdLeakNonSocket = "fd-leak-non-socket";

    /// <summary>TIME_WAIT builds to a plateau of close rate × 60 s: normal, holds no descriptor.</summary>
    public const string TimeWaitAccumulation = "time-wait-accumulation";

    /// <summary>The connecting side ran out of local ports (EADDRNOTAVAIL).</summary>
    public const string PortExhaustion = "port-exhaustion";

    /// <summary>Descriptors and socket states stay flat.</summary>
    public const string Healthy = "healthy";

    /// <summary>Every kind, in the order of the catalogue.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CloseWaitLeak, EstablishedLeak, FdLeakNonSocket, TimeWaitAccumulation, PortExhaustion, Healthy];
}
