using System.Text;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro;

/// <summary>
/// The result of one run: the diagnosis in plain words, every gate with expected and measured values, the headline figures,
/// and where the run's reports are (<c>summary.json</c>, <c>report.md</c>, <c>report.html</c>, <c>samples.csv</c>, <c>server.log</c>).
/// </summary>
public sealed class RunOutcome
{
    internal RunOutcome(RunResult run)
    {
        Run = run;
        var r = run.Record;
        Gates = [.. r.Gates.Select(g => new GateOutcome(g.Name, g.Limit, g.Actual, g.Passed))];
    }

    /// <summary>The scenario's name.</summary>
    public string Scenario => Run.Record.Scenario;

    /// <summary>The diagnosis's kind: <c>close-wait-leak</c>, <c>established-leak</c>, <c>fd-leak-non-socket</c>, <c>time-wait-accumulation</c>, <c>port-exhaustion</c> or <c>healthy</c>.</summary>
    public string Diagnosis => KebabNames.Name(Run.Record.Diagnosis.Kind);

    /// <summary>The diagnosis in plain words: what piled up, where, and what it means.</summary>
    public string DiagnosisSummary => Run.Record.Diagnosis.Summary;

    /// <summary>Every gate of the run, in the order the scenario's <c>expect:</c> gives them.</summary>
    public IReadOnlyList<GateOutcome> Gates { get; }

    /// <summary>The gates that failed.</summary>
    public IReadOnlyList<GateOutcome> FailedGates => [.. Gates.Where(g => !g.Passed)];

    /// <summary>True when every gate held (an interrupted run does not pass).</summary>
    public bool Passed => Run.Record.Passed && !Interrupted;

    /// <summary>True when the run was cancelled before its end; what was measured until then is judged and written.</summary>
    public bool Interrupted => Run.Record.Interrupted;

    /// <summary>Whether the server reached its descriptor limit (EMFILE).</summary>
    public bool Exhausted => Run.Record.Exhaustion.Reached;

    /// <summary>The server's descriptor limit in force.</summary>
    public int DescriptorLimit => Run.Record.Target.MaxFds;

    /// <summary>The server's open descriptors before the load.</summary>
    public int BaselineDescriptors => Run.Record.Baseline.Fds;

    /// <summary>The server's most open descriptors.</summary>
    public int PeakDescriptors => Run.Record.Peak.Fds;

    /// <summary>The server's open descriptors at the end, after the drain.</summary>
    public int FinalDescriptors => Run.Record.Final.Fds;

    /// <summary>The most CLOSE_WAIT sockets on the server's side of its port.</summary>
    public int PeakCloseWait => Run.Record.Peak.Tcp.CloseWait;

    /// <summary>The most TIME_WAIT sockets on the server's side of its port.</summary>
    public int PeakTimeWait => Run.Record.Peak.Tcp.TimeWait;

    /// <summary>Requests answered.</summary>
    public long RequestsOk => Run.Record.Client.RequestsOk;

    /// <summary>Requests failed (by kind in <c>summary.json</c>'s <c>client.errors</c>).</summary>
    public long RequestsFailed => Run.Record.Client.RequestsFailed;

    /// <summary>Answered requests per second.</summary>
    public double ThroughputRps => Run.Record.Client.ThroughputRps;

    /// <summary>The 99th-percentile latency of answered requests, in milliseconds.</summary>
    public double P99Ms => Run.Record.Client.LatencyMs.P99;

    /// <summary>The run's report directory.</summary>
    public string Directory => Run.Directory;

    /// <summary>The run record, <c>summary.json</c>.</summary>
    public string SummaryPath => Path.Combine(Directory, JsonSummary.Name);

    /// <summary>The report in Markdown, <c>report.md</c>.</summary>
    public string ReportPath => Path.Combine(Directory, "report.md");

    /// <summary>The report with charts, <c>report.html</c>.</summary>
    public string HtmlReportPath => Path.Combine(Directory, HtmlReport.Name);

    internal RunResult Run { get; }

    /// <summary>
    /// The outcome in lines a person can act on: the scenario and verdict, the diagnosis, each failed gate with expected and
    /// measured value, where the report is.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(Scenario).Append(": ").Append(Interrupted ? "interrupted, " : "").AppendLine(Passed ? "every gate held" : $"{FailedGates.Count} of {Gates.Count} gates failed")
            .Append("  diagnosis ").Append(Diagnosis).Append(": ").AppendLine(DiagnosisSummary);
        foreach (var g in FailedGates)
        {
            text.Append("  gate ").AppendLine(g.ToString());
        }

        return text.Append("  report: ").Append(ReportPath).Append(" (and report.html, summary.json)").ToString();
    }
}
