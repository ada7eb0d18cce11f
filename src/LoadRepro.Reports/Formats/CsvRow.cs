using System.Globalization;
using nietras.SeparatedValues;

namespace LoadRepro.Reports.Formats;

/// <summary>A row Sep has read, whose fields parse with the file and line named in any error.</summary>
internal readonly ref struct CsvRow
{
    private readonly SepReader.Row _row;
    private readonly string _source;
    private readonly string _rowKind;

    /// <summary>Wraps <paramref name="row"/> of <paramref name="source"/>; <paramref name="rowKind"/> says what a row should be, e.g. "sample row".</summary>
    public CsvRow(SepReader.Row row, string source, string rowKind)
    {
        _row = row;
        _source = source;
        _rowKind = rowKind;
    }

    /// <summary>The row is an empty line; the readers skip it, as a file touched by hand may end in one or two.</summary>
    public bool IsBlank => _row.Span.IsEmpty;

    /// <summary>How many fields the row has.</summary>
    public int Count => _row.ColCount;

    /// <summary>The text of a field.</summary>
    public ReadOnlySpan<char> this[string column] => _row[column].Span;

    /// <summary>A whole number that fits an <see cref="int"/>.</summary>
    public int Int(string column) =>
        int.TryParse(_row[column].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Bad($"{column} is not a whole number");

    /// <summary>A whole number that fits a <see cref="long"/>.</summary>
    public long Long(string column) =>
        long.TryParse(_row[column].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Bad($"{column} is not a whole number");

    /// <summary>A decimal number.</summary>
    public double Number(string column) =>
        double.TryParse(_row[column].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Bad($"{column} is not a number");

    /// <summary>The one-line error for this row, with what is wrong when known.</summary>
    public InvalidDataException Bad(string? problem = null) =>
        new(problem is null ? $"{_source}:{_row.LineNumberFrom}: not a {_rowKind}" : $"{_source}:{_row.LineNumberFrom}: not a {_rowKind} ({problem})");
}
