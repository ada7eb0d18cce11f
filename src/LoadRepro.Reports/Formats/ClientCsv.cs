using System.Globalization;
using System.Text;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// <c>client.csv</c>: the client's time series, one row per second of load. Fixed columns first, then one
/// <c>errors.KIND</c> column per failure kind seen in the run (sorted), so the header says which kinds occurred.
/// </summary>
public static class ClientCsv
{
    /// <summary>The file name.</summary>
    public const string Name = "client.csv";

    /// <summary>The fixed columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["seconds", "started", "ok", "failed", "connectionsOpened", "lateArrivals", "p99Ms"];

    /// <summary>Renders the rows.</summary>
    public static string Render(IReadOnlyList<ClientSecond> rows)
    {
        var kinds = rows.SelectMany(r => r.Errors.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder(64 + (rows.Count * 48));
        sb.AppendJoin(',', Columns.Concat(kinds.Select(k => "errors." + k))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Seconds:0.###},{r.Started},{r.Ok},{r.Failed},{r.ConnectionsOpened},{r.LateArrivals},{r.P99Ms:0.###}");
            foreach (var k in kinds)
            {
                sb.Append(',').Append(r.Errors.GetValueOrDefault(k));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes <c>client.csv</c> into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, IReadOnlyList<ClientSecond> rows)
    {
        var path = Path.Combine(directory, Name);
        AtomicFile.WriteAllText(path, Render(rows));
        return path;
    }
}
