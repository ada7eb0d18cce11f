using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// The sockets already on the port when a load started, in words: enough to mislead a reader of absolute counts. On a fixed
/// port an earlier run's TIME_WAIT lasts 60 s (docs/KERNEL-FACTS.md), so the run that follows starts among it.
/// </summary>
public static class BaselinePiles
{
    /// <summary>
    /// The piles of <paramref name="server"/> (local port = port under test) and <paramref name="client"/> (remote port = it)
    /// worth naming, e.g. "2,000 TIME_WAIT on the client side and 3 CLOSE_WAIT": a TIME_WAIT pile, or any CLOSE_WAIT or
    /// ESTABLISHED socket; null when there is none.
    /// </summary>
    public static string? Describe(TcpStateCounts server, TcpStateCounts client)
    {
        var piles = new List<(int Count, string Words)>
        {
            (server.TimeWait >= DiagnosisThresholds.MinPile ? server.TimeWait : 0, "TIME_WAIT on the server side"),
            (client.TimeWait >= DiagnosisThresholds.MinPile ? client.TimeWait : 0, "TIME_WAIT on the client side"),
            (server.CloseWait, "CLOSE_WAIT"),
            (server.Established, "ESTABLISHED"),
        }.Where(p => p.Count > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Count:N0} {p.Words}")).ToList();
        return piles.Count switch
        {
            0 => null,
            1 => piles[0],
            _ => string.Join(", ", piles[..^1]) + " and " + piles[^1],
        };
    }

    /// <summary>True when the piles hold TIME_WAIT worth naming: left by earlier connections, such as an earlier run's.</summary>
    public static bool HasTimeWait(TcpStateCounts server, TcpStateCounts client) =>
        server.TimeWait + client.TimeWait >= DiagnosisThresholds.MinPile;

    /// <summary>The port a URL names, for the words "on port 8080"; null when it does not parse.</summary>
    public static int? PortOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : null;
}
