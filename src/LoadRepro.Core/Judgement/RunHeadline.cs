using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>The one-line verdict of a run.</summary>
public static class RunHeadline
{
    /// <summary>The verdict in a few words, e.g. "CLOSE_WAIT leak: EMFILE 1.9 s after the load started".</summary>
    public static string Text(RunRecord run)
    {
        var emfile = run.Exhaustion.FirstAtSeconds is { } at
            ? string.Create(CultureInfo.InvariantCulture, $": EMFILE {at:0.0#} s after the load started")
            : run.Exhaustion.Reached ? ": EMFILE reached" : "";
        return run.Diagnosis.Kind switch
        {
            DiagnosisKind.CloseWaitLeak => "CLOSE_WAIT leak" + emfile,
            DiagnosisKind.EstablishedLeak => "Idle ESTABLISHED connections pile up" + emfile,
            DiagnosisKind.FdLeakNonSocket => "Descriptor leak (not sockets)" + emfile,
            DiagnosisKind.TimeWaitAccumulation => "TIME_WAIT accumulates; descriptors flat" + emfile,
            DiagnosisKind.PortExhaustion => "The client ran out of local ports (EADDRNOTAVAIL)" + emfile,
            _ => run.Exhaustion.Reached ? "EMFILE reached" + emfile : "Healthy: nothing leaks",
        };
    }
}
