using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// Short connections against keep-alive: connections and their rate, TIME_WAIT and the side that holds it, descriptors,
/// server CPU per request, latency and throughput. At the same offered rate it says what keep-alive saves for the same
/// work; with the same workers back to back (both saturated) how much more it carries; under different loads throughput
/// is not compared.
/// </summary>
internal static class KeepAliveStory
{
    /// <summary>The verdict for <paramref name="a"/> and <paramref name="b"/>, one with short connections and one with keep-alive.</summary>
    public static ComparisonVerdict Judge(RunRecord a, RunRecord b)
    {
        var (shortRun, keep, shortName, keepName) = a.Load.Connection == ConnectionKind.Short ? (a, b, "A", "B") : (b, a, "B", "A");

        // What each run added: the short run's TIME_WAIT is still on a fixed port when the keep-alive run follows it.
        var (shortTw, side) = ComparisonJudge.TimeWaitAdded(shortRun);
        var (keepTw, keepSide) = ComparisonJudge.TimeWaitAdded(keep);
        var added = BaselinePiles.HasTimeWait(shortRun.Baseline.Tcp, shortRun.Baseline.ClientTcp) || BaselinePiles.HasTimeWait(keep.Baseline.Tcp, keep.Baseline.ClientTcp)
            ? " added over what was already on the port" : "";
        var offer = Offer(shortRun, keep);
        var (shortRps, keepRps) = (shortRun.Client.ThroughputRps, keep.Client.ThroughputRps);
        var saving = ServerCpuComparison.Saving(shortRun, keep, "short connections", "keep-alive");
        var reasons = new List<ComparisonReason>
        {
            new(F($"Connections: {shortRun.Client.ConnectionsOpened:N0} with short connections ({shortName}), {keep.Client.ConnectionsOpened:N0} with keep-alive ({keepName}), for {shortRun.Client.RequestsOk:N0} and {keep.Client.RequestsOk:N0} requests: {PerSecond(shortRun)} and {PerSecond(keep)} connections opened a second."), null),
            new(F($"TIME_WAIT: peak {shortTw}{added} with short connections, on the {side} side (the side that closes first), against {keepTw} with keep-alive{(keepTw > 0 ? $", on the {keepSide} side" : "")}. It holds ports, not descriptors."), null),
            new(F($"Descriptors: peak {shortRun.Peak.Fds - shortRun.Baseline.Fds} above the baseline with short connections, {keep.Peak.Fds - keep.Baseline.Fds} with keep-alive."), null),
            offer switch
            {
                Offered.SameRate => new(F($"Throughput at the same offered {shortRun.Load.Rate} requests/s: {shortRps:0.#} requests/s with short connections against {keepRps:0.#} with keep-alive ({ComparisonJudge.Percent(shortRps, keepRps)})."), null),
                Offered.SameWorkers => new(F($"Throughput with the same {shortRun.Load.Concurrency} workers back to back: {shortRps:#,0.#} requests/s with short connections against {keepRps:#,0.#} with keep-alive: {Times(shortRps, keepRps)} as much."), null),
                _ => new(F($"Throughput is not compared: the offered loads differ ({Describe(shortRun)} with short connections, {Describe(keep)} with keep-alive); they served {shortRps:0.#} and {keepRps:0.#} requests/s."), null),
            },
            new(F($"Server CPU per 1,000 requests: {ServerCpuComparison.Text(shortRun)} with short connections, {ServerCpuComparison.Text(keep)} with keep-alive: {saving}."), null),
            new(F($"Latency p99: {shortRun.Client.LatencyMs.P99:0.###} ms against {keep.Client.LatencyMs.P99:0.###} ms; p50 {shortRun.Client.LatencyMs.P50:0.###} ms against {keep.Client.LatencyMs.P50:0.###} ms."), null),
        };
        var connections = F($"{keep.Client.ConnectionsOpened:N0} connections instead of {shortRun.Client.ConnectionsOpened:N0} ({PerSecond(keep)} a second instead of {PerSecond(shortRun)})");
        var timeWait = F($"TIME_WAIT {keepTw:N0} instead of {shortTw:N0} ({side} side)");
        return new ComparisonVerdict
        {
            Headline = offer switch
            {
                Offered.SameRate => F($"At the same offered load ({shortRun.Load.Rate} requests/s), keep-alive served {keepRps:0.#} requests/s against {shortRps:0.#} ({ComparisonJudge.Percent(shortRps, keepRps)}) with {saving}, {connections}, {timeWait} and p99 {keep.Client.LatencyMs.P99:0.##} ms instead of {shortRun.Client.LatencyMs.P99:0.##} ms."),
                Offered.SameWorkers => F($"With the same {shortRun.Load.Concurrency} workers back to back, keep-alive carried {Times(shortRps, keepRps)} the requests/s of short connections ({keepRps:#,0} against {shortRps:#,0}), with {saving}, {connections} and {timeWait}."),
                _ => F($"Keep-alive served {keep.Client.RequestsOk:N0} requests over {keep.Client.ConnectionsOpened:N0} connections with TIME_WAIT {keepTw:N0}, where short connections needed one connection per request ({shortRun.Client.ConnectionsOpened:N0}) and left TIME_WAIT {shortTw:N0}; {saving}; the offered loads differ, so throughput is not compared."),
            },
            Reasons = reasons,
        };
    }

    private enum Offered
    {
        SameRate,
        SameWorkers,
        Different,
    }

    /// <summary>Whether two runs were offered the same load, so their throughputs can be compared: one rate, or one number of workers back to back.</summary>
    private static Offered Offer(RunRecord a, RunRecord b) => (a.Load.Model, b.Load.Model) switch
    {
        (LoadModelKind.Rate, LoadModelKind.Rate) when a.Load.Rate == b.Load.Rate => Offered.SameRate,
        (LoadModelKind.Concurrency, LoadModelKind.Concurrency) when a.Load.Concurrency == b.Load.Concurrency => Offered.SameWorkers,
        _ => Offered.Different,
    };

    private static string Describe(RunRecord r) => r.Load.Model == LoadModelKind.Rate ? F($"{r.Load.Rate}/s offered") : F($"{r.Load.Concurrency} workers back to back");

    /// <summary>Connections opened per second of load, in words.</summary>
    private static string PerSecond(RunRecord r) => ComparisonJudge.ConnectionsPerSecond(r) is { } c ? F($"{c:#,0.#}") : "–";

    private static string Times(double from, double to) => from <= 0 ? "no baseline for" : F($"{to / from:0.#}×");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
