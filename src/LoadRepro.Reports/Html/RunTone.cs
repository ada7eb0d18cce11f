using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Reports.Html;

/// <summary>How alarming a run's verdict looks on a page.</summary>
public static class RunTone
{
    /// <summary>A CSS class for the verdict's colour: <c>bad</c>, <c>warn</c> or <c>good</c>.</summary>
    public static string Of(RunRecord run) =>
        run.Exhaustion.Reached || run.Diagnosis.Kind is DiagnosisKinds.CloseWaitLeak or DiagnosisKinds.EstablishedLeak or DiagnosisKinds.FdLeakNonSocket or DiagnosisKinds.PortExhaustion
            ? "bad"
            : run.Diagnosis.Kind == DiagnosisKinds.TimeWaitAccumulation ? "warn" : "good";
}
