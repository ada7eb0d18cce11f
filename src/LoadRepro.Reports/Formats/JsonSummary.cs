using System.Text.Json;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary><c>summary.json</c>: the run record in camelCase (docs/ARCHITECTURE.md, "Run record"), and its reading back.</summary>
public sealed class JsonSummary : IRunReport
{
    /// <summary>The file name.</summary>
    public const string Name = "summary.json";

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) => JsonSerializer.Serialize(run, RecordJson.Options) + "\n";

    /// <summary>Reads a run record back.</summary>
    /// <exception cref="InvalidDataException">The text is not a run record.</exception>
    public static RunRecord Read(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(json, RecordJson.Options) ?? throw new InvalidDataException($"{source}: empty run record");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a run record ({Reason(e)})", e);
        }
    }

    /// <summary>The serializer's message cut to its first sentence; for missing keys, just the keys.</summary>
    private static string Reason(JsonException e)
    {
        const string Missing = "including: ";
        var at = e.Message.IndexOf(Missing, StringComparison.Ordinal);
        return at >= 0 ? "missing keys: " + e.Message[(at + Missing.Length)..].Split('\n')[0].TrimEnd('.') : e.Message.Split(". ")[0];
    }
}
