using System.Globalization;
using System.Text;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Segments;
using LoadRepro.Core.Sysctls;
using LoadRepro.Reports.Charts;
using LoadRepro.Reports.Html;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary><c>report.html</c>: one self-contained page (inline CSS and SVG charts) with the verdict, the prediction beside the measurement, charts, figures, gates and the environment.</summary>
public sealed class HtmlReport : IRunReport
{
    /// <summary>The file name.</summary>
    public const string Name = "report.html";

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client)
    {
        var sb = new StringBuilder();
        void Add(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        string E(string s) => HtmlPage.Encode(s);

        Add($"<h1>{E(run.Scenario)}</h1>");
        Add($"<p class=\"sub\">Run started {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {run.DurationSeconds:0.0} s in all · server bug <code>{E(run.Server.BugName())}</code>, keep-alive <code>{E(run.Server.KeepAliveName())}</code> · load {E(LoadDescription.Of(run.Load))}</p>");
        if (LoadSplitText.Of(run) is { } split)
        {
            Add($"<p class=\"sub\">{E(split)}</p>");
        }

        Add($"<div class=\"verdict {RunTone.Of(run)}\"><div class=\"big\">{E(RunHeadline.Text(run))}</div><div class=\"small\">diagnosis <b>{E(KebabNames.Name(run.Diagnosis.Kind))}</b> · gates {(run.Gates.Count == 0 ? "none set" : run.Passed ? "all passed" : $"{run.Gates.Count(g => !g.Passed)} of {run.Gates.Count} FAILED")}{(run.Interrupted ? " · interrupted: partial run" : "")}</div></div>");
        Add($"<div class=\"card\"><p>{E(run.Diagnosis.Summary)}</p></div>");

        AppendFailedGates(sb, run);
        AppendPredictions(sb, run);

        Add($"<h2>Over time</h2>");
        foreach (var chart in RunCharts.For(run, samples, client))
        {
            Add($"{HtmlPage.ChartCard(chart)}");
        }

        Add($"<h2>Key figures</h2>");
        Add($"<table><tr><th>figure</th><th class=\"n\">baseline</th><th class=\"n\">peak</th><th class=\"n\">final (after drain)</th></tr>");
        foreach (var (name, pick) in KeyFigures)
        {
            Add($"<tr><td>{E(name)}</td><td class=\"n\">{pick(run.Baseline)}</td><td class=\"n\">{pick(run.Peak)}</td><td class=\"n\">{pick(run.Final)}</td></tr>");
        }

        Add($"</table>");
        AppendClient(sb, run);
        AppendExhaustion(sb, run);
        AppendGates(sb, run);
        AppendEnvironment(sb, run);
        if (run.Samples.Agent is { } agent)
        {
            Add($"<p class=\"agent\">{E(AgentSamplingText.Describe(agent))}</p>");
        }

        if (TcpWalkText.Describe(run.Samples) is { } walks)
        {
            Add($"<p class=\"walks\">{E(walks)}</p>");
        }

        Add($"<footer>{samples.Count} samples every {run.Samples.IntervalMs:0} ms are in <code>samples.csv</code>; the figures in <code>summary.json</code>; the server's log in <code>server.log</code>. Schema {E(run.Schema)}.</footer>");
        return HtmlPage.Document($"{run.Scenario}: {RunHeadline.Text(run)}", sb.ToString());
    }

    /// <summary>The figures of the key-figures table, by name.</summary>
    internal static IReadOnlyList<(string Name, Func<Figures, int> Pick)> KeyFigures { get; } =
    [
        ("descriptors", f => f.Fds),
        ("socket descriptors", f => f.SocketFds),
        ("other descriptors (files, pipes)", f => f.OtherFds),
        ("CLOSE_WAIT, server side", f => f.Tcp.CloseWait),
        ("ESTABLISHED, server side", f => f.Tcp.Established),
        ("TIME_WAIT, server side", f => f.Tcp.TimeWait),
        ("TIME_WAIT, client side", f => f.ClientTcp.TimeWait),
        ("FIN_WAIT2, client side", f => f.ClientTcp.FinWait2),
    ];

    private static void AppendFailedGates(StringBuilder sb, RunRecord run)
    {
        var failed = run.Gates.Where(g => !g.Passed).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        sb.Append("<div class=\"card\"><b class=\"fail\">Failed gates</b><ul>");
        foreach (var g in failed)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><code>{HtmlPage.Encode(g.Name)}</code>: expected {HtmlPage.Encode(g.Limit)}, measured {HtmlPage.Encode(g.Actual)}</li>");
        }

        sb.Append("</ul></div>\n");
    }

    private static void AppendPredictions(StringBuilder sb, RunRecord run)
    {
        var d = run.Diagnosis;
        var rows = new List<(string What, string Predicted, string Measured)>();
        if (d.ProjectedExhaustionSeconds is { } p)
        {
            rows.Add(("time to EMFILE",
                F($"{p:0.0} s = (limit {run.Target.MaxFds} − baseline {run.Baseline.Fds}) ÷ {d.LeakRatePerSecond:0.#} descriptors/s"),
                run.Exhaustion.FirstAtSeconds is { } m ? F($"{m:0.0#} s") : "not reached"));
        }

        // TIME_WAIT is worth predicting only where it piled up; a leaking server closes nothing, so it has none.
        if (d.PredictedTimeWait is { } tw && (d.CloseRatePerSecond ?? 0) > 0 && Math.Max(run.Peak.Tcp.TimeWait, run.Peak.ClientTcp.TimeWait) >= DiagnosisThresholds.NotableTimeWait)
        {
            var measured = d.MeasuredTimeWait is { } mtw
                ? F($"{mtw}") + (d.TimeWaitPlateauReached == true ? " (levelled off)" : " (still rising when the load stopped: not a plateau)")
                : F($"{Math.Max(run.Peak.Tcp.TimeWait, run.Peak.ClientTcp.TimeWait)} at peak");
            rows.Add(("TIME_WAIT plateau", F($"{tw:0} = {d.CloseRatePerSecond:0.#} closes/s × 60 s, capped by the port range"), measured));
        }

        if (rows.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Prediction beside measurement</h2>\n<table><tr><th>figure</th><th>predicted</th><th>measured</th></tr>");
        foreach (var (what, predicted, measured) in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlPage.Encode(what)}</td><td>{HtmlPage.Encode(predicted)}</td><td>{HtmlPage.Encode(measured)}</td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void AppendClient(StringBuilder sb, RunRecord run)
    {
        var c = run.Client;
        sb.Append("<h2>Client</h2>\n<table><tr><th>requests ok</th><th>failed</th><th>connections opened</th><th>throughput</th><th>p50</th><th>p90</th><th>p99</th><th>max</th></tr>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<tr><td class=\"n\">{c.RequestsOk}</td><td class=\"n\">{c.RequestsFailed}</td><td class=\"n\">{c.ConnectionsOpened}</td><td class=\"n\">{c.ThroughputRps:0.#} requests/s</td><td class=\"n\">{c.LatencyMs.P50:0.###} ms</td><td class=\"n\">{c.LatencyMs.P90:0.###} ms</td><td class=\"n\">{c.LatencyMs.P99:0.###} ms</td><td class=\"n\">{c.LatencyMs.Max:0.###} ms</td></tr></table>\n");
        sb.Append("<p class=\"sub\">Latency counts from each request's scheduled start, so waiting behind a stalled server is included.");
        if (c.Tls is { } tls)
        {
            sb.Append(' ').Append(HtmlPage.Encode(tls.Sentence())).Append(" (handshake CPU: the client thread's own CPU time in the TLS library between its socket I/O, a lower bound).");
        }

        if (c.Errors.Count > 0)
        {
            sb.Append(" Errors: ").Append(HtmlPage.Encode(string.Join(", ", c.Errors.Select(e => $"{e.Key} {e.Value}")))).Append('.');
        }

        sb.Append("</p>\n");
        if (run.ServerCpu is { } cpu)
        {
            sb.Append("<p>Server CPU (user + system, from /proc/PID/stat, over the load): ").Append(HtmlPage.Encode(cpu.Text())).Append(".</p>\n");
        }

        AppendRequests(sb, run);
    }

    private static void AppendRequests(StringBuilder sb, RunRecord run)
    {
        var rows = RequestKindTable.Rows(run);
        if (rows.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Requests by kind</h2>\n");
        if (run.Leaks is { } leaks)
        {
            sb.Append("<p>Connections the server still held after the drain, by the request that opened them: ").Append(HtmlPage.Encode(leaks.Summary)).Append(".</p>\n");
        }

        sb.Append("<table><tr>").AppendJoin("", rows[0].Select((h, i) => $"<th{(i > 0 ? " class=\"n\"" : "")}>{HtmlPage.Encode(h)}</th>")).Append("</tr>");
        foreach (var row in rows.Skip(1))
        {
            sb.Append("<tr>").AppendJoin("", row.Select((c, i) => $"<td{(i > 0 ? " class=\"n\"" : "")}>{HtmlPage.Encode(c)}</td>")).Append("</tr>");
        }

        sb.Append("</table>\n");
    }

    private static void AppendExhaustion(StringBuilder sb, RunRecord run)
    {
        sb.Append("<h2>Exhaustion (EMFILE)</h2>\n<div class=\"card\">");
        if (run.Exhaustion.Reached)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Reached <b>{run.Exhaustion.FirstAtSeconds:0.0#} s</b> after the load started. Evidence:</p><ul>");
            foreach (var e in run.Exhaustion.Evidence)
            {
                sb.Append("<li>").Append(HtmlPage.Encode(e)).Append("</li>");
            }

            sb.Append("</ul>");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Not reached: descriptors peaked at {run.Peak.Fds} of the limit {run.Target.MaxFds}.</p>");
        }

        if (run.Server.Exited)
        {
            sb.Append("<p>The server ").Append(HtmlPage.Encode(run.Server.ExitReason ?? "exited by itself")).Append("</p>");
        }

        sb.Append("</div>\n");
    }

    private static void AppendGates(StringBuilder sb, RunRecord run)
    {
        sb.Append("<h2>Gates</h2>\n");
        if (run.Gates.Count == 0)
        {
            sb.Append("<p class=\"sub\">No gates were set (<code>expect:</code> in the scenario, or <code>--expect key=value</code>).</p>\n");
            return;
        }

        sb.Append("<table><tr><th>gate</th><th>expected</th><th>measured</th><th>result</th></tr>");
        foreach (var g in run.Gates)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td><code>{HtmlPage.Encode(g.Name)}</code></td><td>{HtmlPage.Encode(g.Limit)}</td><td>{HtmlPage.Encode(g.Actual)}</td><td class=\"{(g.Passed ? "pass" : "fail")}\">{(g.Passed ? "pass" : "FAIL")}</td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void AppendEnvironment(StringBuilder sb, RunRecord run)
    {
        sb.Append("<h2>Environment</h2>\n<table><tr><th>setting</th><th>value</th><th>what it does</th></tr>");
        void Row(string name, string value, string meaning) =>
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{HtmlPage.Encode(name)}</code></td><td class=\"n\">{HtmlPage.Encode(value)}</td><td>{HtmlPage.Encode(meaning)}</td></tr>");

        Row("target", $"{KebabNames.Name(run.Target.Kind)}, PID {run.Target.Pid}", run.Target.Url);
        Row("server descriptor limit", run.Target.MaxFds.ToString(CultureInfo.InvariantCulture), "soft RLIMIT_NOFILE of the server: EMFILE when its open descriptors reach it");
        if (run.Host is { } host)
        {
            Row("kernel", host.Kernel, "uname -r");
            if (host.ClientFdLimit is { } client)
            {
                Row("load generator descriptor limit", client, "soft / hard RLIMIT_NOFILE of the client");
            }

            foreach (var (name, value) in host.Sysctls)
            {
                Row(name, value, SysctlCatalogue.Of(name).Summary);
            }
        }
        else
        {
            Row("host", "not recorded", "this run's summary.json predates the environment record");
        }

        sb.Append("</table>\n");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
