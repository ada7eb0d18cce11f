using System.Globalization;
using System.Text;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Segments;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary><c>report.md</c>: the verdict in words, the key figures, the evidence and the gates.</summary>
public sealed class MarkdownReport : IRunReport
{
    /// <inheritdoc />
    public string FileName => "report.md";

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"# {run.Scenario}: {KebabNames.Name(run.Diagnosis.Kind)}, gates {(run.Passed ? "passed" : "FAILED")}");
        Line($"");
        if (run.Interrupted)
        {
            Line($"> This run was interrupted: the figures below are what was measured until then.");
            Line($"");
        }

        Line($"{run.Diagnosis.Summary}");
        Line($"");
        Line($"Started {run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {run.DurationSeconds:0.0} s in all. Target: {KebabNames.Name(run.Target.Kind)} server, {run.Target.Url}, PID {run.Target.Pid}, descriptor limit {run.Target.MaxFds}.");
        Line($"Server: bug `{run.Server.BugName()}`, keep-alive `{run.Server.KeepAliveName()}`. Load: {KebabNames.Name(run.Load.Model)} model, `{KebabNames.Name(run.Load.Connection)}` connections, HTTP/{run.Load.Http}, {run.Load.Rate}/s, {run.Load.DurationSeconds:0.#} s.");
        if (LoadSplitText.Of(run) is { } split)
        {
            Line($"{split}");
        }

        Line($"");
        Line($"## Key figures");
        Line($"");
        Line($"| figure | baseline | peak | final (after drain) |");
        Line($"|---|---:|---:|---:|");
        Row(sb, "descriptors", run.Baseline.Fds, run.Peak.Fds, run.Final.Fds);
        Row(sb, "socket descriptors", run.Baseline.SocketFds, run.Peak.SocketFds, run.Final.SocketFds);
        Row(sb, "other descriptors", run.Baseline.OtherFds, run.Peak.OtherFds, run.Final.OtherFds);
        Row(sb, "CLOSE_WAIT (server side)", run.Baseline.Tcp.CloseWait, run.Peak.Tcp.CloseWait, run.Final.Tcp.CloseWait);
        Row(sb, "ESTABLISHED (server side)", run.Baseline.Tcp.Established, run.Peak.Tcp.Established, run.Final.Tcp.Established);
        Row(sb, "TIME_WAIT (server side)", run.Baseline.Tcp.TimeWait, run.Peak.Tcp.TimeWait, run.Final.Tcp.TimeWait);
        Row(sb, "TIME_WAIT (client side)", run.Baseline.ClientTcp.TimeWait, run.Peak.ClientTcp.TimeWait, run.Final.ClientTcp.TimeWait);
        Row(sb, "FIN_WAIT2 (client side)", run.Baseline.ClientTcp.FinWait2, run.Peak.ClientTcp.FinWait2, run.Final.ClientTcp.FinWait2);
        Line($"");
        Line($"Requests: {run.Client.RequestsOk} ok, {run.Client.RequestsFailed} failed, {run.Client.ConnectionsOpened} connections opened, {run.Client.ThroughputRps:0.#} requests/s, {run.Client.LateArrivals} late arrivals.");
        Line($"Latency (ms, from the scheduled start): p50 {run.Client.LatencyMs.P50:0.###}, p90 {run.Client.LatencyMs.P90:0.###}, p99 {run.Client.LatencyMs.P99:0.###}, max {run.Client.LatencyMs.Max:0.###}.");
        if (run.ServerCpu is { } cpu)
        {
            Line($"Server CPU (user + system, from /proc/PID/stat, over the load): {cpu.Text()}.");
        }

        if (run.Client.Errors.Count > 0)
        {
            Line($"Client errors: {string.Join(", ", run.Client.Errors.Select(e => $"{e.Key} {e.Value}"))}.");
        }

        if (run.Client.Tls is { } tls)
        {
            Line($"{tls.Sentence()} (handshake CPU: the client thread's own CPU time in the TLS library between its socket I/O, a lower bound; of the whole client process's CPU during the load).");
        }

        AppendRequests(sb, run);

        Line($"");
        Line($"## Exhaustion (EMFILE)");
        Line($"");
        if (run.Exhaustion.Reached)
        {
            Line($"Reached {run.Exhaustion.FirstAtSeconds:0.00} s after the load started. Evidence:");
            foreach (var e in run.Exhaustion.Evidence)
            {
                Line($"- {e}");
            }
        }
        else
        {
            Line($"Not reached: descriptors stayed below the limit of {run.Target.MaxFds}.");
        }

        if (run.Diagnosis.ProjectedExhaustionSeconds is { } p)
        {
            Line($"");
            Line($"Predicted from the leak rate ({run.Diagnosis.LeakRatePerSecond:0.#} descriptors/s): EMFILE {p:0.#} s after the load starts (limit − baseline) ÷ rate; measured: {(run.Exhaustion.FirstAtSeconds is { } m ? m.ToString("0.0#", CultureInfo.InvariantCulture) + " s" : "not reached")}.");
        }

        var peakTimeWait = Math.Max(run.Peak.Tcp.TimeWait, run.Peak.ClientTcp.TimeWait);
        if (run.Diagnosis.PredictedTimeWait is { } tw && peakTimeWait >= DiagnosisThresholds.NotableTimeWait)
        {
            Line($"");
            Line($"TIME_WAIT predicted at steady state: {tw:0} ({run.Diagnosis.CloseRatePerSecond:0.#} closes/s × 60 s, capped by the port range); measured: {run.Diagnosis.MeasuredTimeWait ?? peakTimeWait}{(run.Diagnosis.TimeWaitPlateauReached == true ? " (levelled off)" : " (still rising when the load stopped: not a plateau)")}.");
        }

        if (run.Server.Exited)
        {
            Line($"");
            Line($"The server exited during the run with code {run.Server.ExitCode}: {run.Server.ExitReason}");
        }

        Line($"");
        Line($"## Gates");
        Line($"");
        if (run.Gates.Count == 0)
        {
            Line($"No gates were set.");
        }
        else
        {
            Line($"| gate | expected | actual | result |");
            Line($"|---|---|---|---|");
            foreach (var g in run.Gates)
            {
                Line($"| {g.Name} | {g.Limit} | {g.Actual} | {(g.Passed ? "pass" : "FAIL")} |");
            }
        }

        Line($"");
        Line($"{samples.Count} samples every {run.Samples.IntervalMs:0} ms are in `samples.csv`; the server's log is `server.log`.");
        if (TcpWalkText.Describe(run.Samples) is { } walks)
        {
            Line($"");
            Line($"{walks}");
        }

        if (run.Samples.Agent is { } agent)
        {
            Line($"");
            Line($"{AgentSamplingText.Describe(agent)}");
        }

        return sb.ToString();
    }

    private static void AppendRequests(StringBuilder sb, RunRecord run)
    {
        var rows = RequestKindTable.Rows(run);
        if (rows.Count == 0)
        {
            return;
        }

        sb.Append("\n## Requests by kind\n\n");
        if (run.Leaks is { } leaks)
        {
            sb.Append("Connections the server still held after the drain, by the request that opened them: ").Append(leaks.Summary).Append(".\n\n");
        }

        sb.Append("| ").AppendJoin(" | ", rows[0]).Append(" |\n|---|").AppendJoin("", rows[0].Skip(1).Select(_ => "---:|")).Append('\n');
        foreach (var row in rows.Skip(1))
        {
            sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }
    }

    private static void Row(StringBuilder sb, string name, int baseline, int peak, int final) =>
        sb.Append(CultureInfo.InvariantCulture, $"| {name} | {baseline} | {peak} | {final} |\n");
}
