using System.Globalization;
using System.Text;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// <c>client.csv</c>: the client's time series, one row per second of load. Fixed columns first, then one
/// <c>errors.KIND</c> column per failure kind seen in the run (sorted), so the header says which kinds occurred.
/// </summary>
public sealed class ClientCsv : IRunReport
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

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) => Render(client);

    /// <summary>Reads rows back, error columns included.</summary>
    /// <exception cref="InvalidDataException">A row is not a client row; the message names the line.</exception>
    public static IReadOnlyList<ClientSecond> Read(string csv, string source)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Length == 0 ? [] : lines[0].TrimEnd('\r').Split(',');
        if (header.Length < Columns.Count || !header.Take(Columns.Count).SequenceEqual(Columns) || header.Skip(Columns.Count).Any(h => !h.StartsWith("errors.", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{source}:1: not a client file (the header row differs)");
        }

        var kinds = header.Skip(Columns.Count).Select(h => h["errors.".Length..]).ToArray();
        var rows = new List<ClientSecond>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].TrimEnd('\r').Split(',');
            if (f.Length != header.Length)
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a client row");
            }

            try
            {
                var errors = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var k = 0; k < kinds.Length; k++)
                {
                    if (Long(f[Columns.Count + k]) is > 0 and var n)
                    {
                        errors[kinds[k]] = n;
                    }
                }

                rows.Add(new ClientSecond
                {
                    Seconds = double.Parse(f[0], CultureInfo.InvariantCulture),
                    Started = Long(f[1]),
                    Ok = Long(f[2]),
                    Failed = Long(f[3]),
                    ConnectionsOpened = Long(f[4]),
                    LateArrivals = Long(f[5]),
                    P99Ms = double.Parse(f[6], CultureInfo.InvariantCulture),
                    Errors = errors,
                });
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a client row ({e.Message})", e);
            }
        }

        return rows;
    }

    private static long Long(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
