using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Gates;

/// <summary>Checks a run's figures against the scenario's <c>expect:</c> gates.</summary>
public static class GateEvaluator
{
    /// <summary>Each gate that is set, checked against the record.</summary>
    public static IReadOnlyList<GateResult> Evaluate(ExpectSettings expect, RunRecord run)
    {
        var results = new List<GateResult>();
        var total = run.Client.RequestsOk + run.Client.RequestsFailed;
        var successRatio = total == 0 ? 0 : (double)run.Client.RequestsOk / total;
        var peakTimeWait = run.Peak.Tcp.TimeWait + run.Peak.ClientTcp.TimeWait;
        var baselineTimeWait = run.Baseline.Tcp.TimeWait + run.Baseline.ClientTcp.TimeWait;
        var fdGrowth = run.Peak.Fds - run.Baseline.Fds;

        if (expect.Diagnosis is { } d)
        {
            var held = KebabNames.TryParse<DiagnosisKind>(d, out var kind) && run.Diagnosis.Kind == kind;
            results.Add(Gate("diagnosis", d, KebabNames.Name(run.Diagnosis.Kind), held));
        }

        if (expect.Exhaustion is { } x)
        {
            results.Add(Gate("exhaustion", Bool(x), Bool(run.Exhaustion.Reached), run.Exhaustion.Reached == x));
        }

        if (expect.MaxCloseWait is { } cw)
        {
            var added = run.Peak.Tcp.CloseWait - run.Baseline.Tcp.CloseWait;
            results.Add(Gate("maxCloseWait", $"≤ {cw}", Growth(run.Peak.Tcp.CloseWait, run.Baseline.Tcp.CloseWait), added <= cw));
        }

        if (expect.MaxTimeWait is { } tw)
        {
            results.Add(Gate("maxTimeWait", $"≤ {tw}", Growth(peakTimeWait, baselineTimeWait), peakTimeWait - baselineTimeWait <= tw));
        }

        if (expect.MaxFdGrowth is { } g)
        {
            results.Add(Gate("maxFdGrowth", $"≤ {g}", Num(fdGrowth), fdGrowth <= g));
        }

        if (expect.MinSuccessRatio is { } sr)
        {
            // With no request there is no ratio; a "0" beside a bound of 0 would read as a pass while the gate fails.
            var actual = total == 0 ? "no request made" : Num(Math.Round(successRatio, 4));
            results.Add(Gate("minSuccessRatio", $"≥ {Num(sr)}", actual, total > 0 && successRatio >= sr));
        }

        if (expect.MaxP99Ms is { } p99)
        {
            // Latency is measured on successes only: with none, the record's p99 is 0 ms, which would read as under any bound while the gate fails.
            var actual = run.Client.RequestsOk == 0 ? "no request succeeded" : $"{Num(run.Client.LatencyMs.P99)} ms";
            results.Add(Gate("maxP99Ms", $"≤ {Num(p99)} ms", actual, run.Client.RequestsOk > 0 && run.Client.LatencyMs.P99 <= p99));
        }

        return results;
    }

    private static GateResult Gate(string name, string limit, string actual, bool passed) =>
        new() { Name = name, Limit = limit, Actual = actual, Passed = passed };

    /// <summary>
    /// A socket count judged as what the run added: sockets already on the port when the load started (an earlier run's
    /// TIME_WAIT lasts 60 s) are not this run's, and the text shows the subtraction whenever one was made.
    /// </summary>
    private static string Growth(int peak, int baseline) =>
        baseline == 0 ? Num(peak) : string.Create(CultureInfo.InvariantCulture, $"{peak - baseline} ({peak} peak − {baseline} already there)");

    private static string Bool(bool b) => b ? "true" : "false";

    private static string Num(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
