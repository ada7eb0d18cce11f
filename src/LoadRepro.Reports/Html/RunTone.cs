using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Html;

/// <summary>How alarming a run's verdict looks on a page.</summary>
public static class RunTone
{
    /// <summary>A CSS class for the verdict's colour: <c>bad</c>, <c>warn</c> or <c>good</c>.</summary>
    public static string Of(RunRecord run) =>
        run.Exhaustion.Reached || run.Diagnosis.Kind is DiagnosisKind.CloseWaitLeak or DiagnosisKind.EstablishedLeak or DiagnosisKind.FdLeakNonSocket or DiagnosisKind.PortExhaustion
            ? "bad"
            : run.Diagnosis.Kind == DiagnosisKind.TimeWaitAccumulation ? "warn" : "good";
}
