using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// The per-request table of a run, for report.md and report.html alike: one row per kind of request with its count,
/// failures, p99 and, where the leak attribution was read, the connections the server left after the drain.
/// </summary>
internal static class RequestKindTable
{
    /// <summary>The rows, header first; empty when the run has no per-kind figures (older records).</summary>
    public static IReadOnlyList<string[]> Rows(RunRecord run)
    {
        if (run.Client.Requests is not { Count: > 0 } kinds)
        {
            return [];
        }

        var leaks = run.Leaks?.Requests.ToDictionary(l => l.Request, StringComparer.Ordinal);
        string[] header = ["request", "weight", "ok", "failed", "connections", "p99 (ms)", .. leaks is null ? Array.Empty<string>() : ["left in CLOSE_WAIT", "left ESTABLISHED"]];
        return [header, .. kinds.Select(k => Row(k, leaks?.GetValueOrDefault(k.Name), leaks is not null))];
    }

    private static string[] Row(RequestKindSummary k, RequestLeak? leak, bool attributed)
    {
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        string[] row = [k.Name, N(k.Weight), N(k.RequestsOk), N(k.RequestsFailed), N(k.ConnectionsOpened), k.LatencyMs.P99.ToString("0.###", CultureInfo.InvariantCulture)];
        return attributed ? [.. row, N(leak?.CloseWait ?? 0), N(leak?.Established ?? 0)] : row;
    }
}
