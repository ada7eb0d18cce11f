using System.Text.Json;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Reads the server's compact-JSON log while the server still writes it.</summary>
public static class ServerLog
{
    /// <summary>The events with <c>Event</c> = <paramref name="eventName"/> logged so far (lines cut short are skipped).</summary>
    public static IReadOnlyList<JsonElement> Events(string logFile, string eventName) =>
        Entries(logFile, e => e.TryGetProperty("Event", out var name) && name.GetString() == eventName);

    /// <summary>The entries logged so far that carry the property <paramref name="name"/>, e.g. <c>ControlPort</c>.</summary>
    public static IReadOnlyList<JsonElement> WithProperty(string logFile, string name) =>
        Entries(logFile, e => e.TryGetProperty(name, out _));

    private static List<JsonElement> Entries(string logFile, Func<JsonElement, bool> wanted)
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
                if (wanted(doc.RootElement))
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
