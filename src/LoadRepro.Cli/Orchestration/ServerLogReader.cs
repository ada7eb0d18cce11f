using System.Text.Json;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Server.Transport;

namespace LoadRepro.Cli.Orchestration;

/// <summary>Reads the accept failures out of the server's compact-JSON log.</summary>
public static class ServerLogReader
{
    /// <summary>The first accept failure (seconds since <paramref name="runStartedAt"/>) and the total count by errno.</summary>
    public static (AcceptFailure? First, IReadOnlyDictionary<string, long> Totals) AcceptFailures(string logFile, DateTimeOffset runStartedAt)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        AcceptFailure? first = null;
        if (!File.Exists(logFile))
        {
            return (null, totals);
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains(AcceptFailureLog.EventName, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (!root.TryGetProperty("Event", out var ev) || ev.GetString() != AcceptFailureLog.EventName ||
                    !root.TryGetProperty("Errno", out var errnoEl) || !root.TryGetProperty("Total", out var totalEl) ||
                    !root.TryGetProperty("@t", out var at))
                {
                    continue;
                }

                var errno = errnoEl.GetString() ?? "unknown";
                totals[errno] = Math.Max(totals.GetValueOrDefault(errno), totalEl.GetInt64());
                var seconds = (at.GetDateTimeOffset() - runStartedAt).TotalSeconds;
                if (first is null || seconds < first.Seconds)
                {
                    first = new AcceptFailure(seconds, errno);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: the rest of the log still counts.
            }
        }

        return (first, totals);
    }
}
