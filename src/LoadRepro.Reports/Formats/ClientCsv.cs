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

    private const string ErrorPrefix = "errors.";

    /// <summary>The fixed columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["seconds", "started", "ok", "failed", "connectionsOpened", "lateArrivals", "p99Ms"];

    /// <summary>Renders the rows.</summary>
    public static string Render(IReadOnlyList<ClientSecond> rows)
    {
        var errorColumns = rows.SelectMany(r => r.Errors.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(kind => (Kind: kind, Column: ErrorPrefix + kind)).ToArray();
        using var writer = RunCsv.Writer([.. Columns, .. errorColumns.Select(e => e.Column)], 64 + (rows.Count * 48));
        foreach (var r in rows)
        {
            using var row = writer.NewRow();
            row["seconds"].Format(r.Seconds, "0.###");
            row["started"].Format(r.Started);
            row["ok"].Format(r.Ok);
            row["failed"].Format(r.Failed);
            row["connectionsOpened"].Format(r.ConnectionsOpened);
            row["lateArrivals"].Format(r.LateArrivals);
            row["p99Ms"].Format(r.P99Ms, "0.###");
            foreach (var (kind, column) in errorColumns)
            {
                row[column].Format(r.Errors.GetValueOrDefault(kind));
            }
        }

        return writer.ToString();
    }

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) => Render(client);

    /// <summary>Reads rows back, error columns included.</summary>
    /// <exception cref="InvalidDataException">The file or a row is not a client row; the message is one line naming the file and the line.</exception>
    public static IReadOnlyList<ClientSecond> Read(string csv, string source)
    {
        using var reader = RunCsv.Reader(csv, source, "client");
        var header = reader.Header.ColNames;
        if (header.Count < Columns.Count || !header.Take(Columns.Count).SequenceEqual(Columns) || header.Skip(Columns.Count).Any(h => !h.StartsWith(ErrorPrefix, StringComparison.Ordinal)))
        {
            throw RunCsv.HeaderDiffers(source, "client");
        }

        var errorColumns = header.Skip(Columns.Count).Select(column => (Kind: column[ErrorPrefix.Length..], Column: column)).ToArray();
        var rows = new List<ClientSecond>();
        foreach (var sepRow in reader)
        {
            var f = new CsvRow(sepRow, source, "client row");
            if (f.IsBlank)
            {
                continue;
            }

            if (f.Count != header.Count)
            {
                throw f.Bad();
            }

            var errors = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (kind, column) in errorColumns)
            {
                if (f.Long(column) is > 0 and var n)
                {
                    errors[kind] = n;
                }
            }

            rows.Add(new ClientSecond
            {
                Seconds = f.Number("seconds"),
                Started = f.Long("started"),
                Ok = f.Long("ok"),
                Failed = f.Long("failed"),
                ConnectionsOpened = f.Long("connectionsOpened"),
                LateArrivals = f.Long("lateArrivals"),
                P99Ms = f.Number("p99Ms"),
                Errors = errors,
            });
        }

        return rows;
    }
}
