using System.Text.Json;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Reads the server's compact-JSON log while the server still writes it.</summary>
public static class ServerLog
{
    /// <summary>The events with <c>Event</c> = <paramref name="eventName"/> logged so far (lines cut short are skipped).</summary>
    public static IReadOnlyList<JsonElement> Events(string logFile, string eventName)
    {
        var found = new List<JsonElement>();
        if (!File.Exists(logFile))
        {
            return found;
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("Event", out var e) && e.GetString() == eventName)
                {
                    found.Add(doc.RootElement.Clone());
                }
            }
            catch (JsonException)
            {
            }
        }

        return found;
    }
}
