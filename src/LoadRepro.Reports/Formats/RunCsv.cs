using System.Globalization;
using nietras.SeparatedValues;

namespace LoadRepro.Reports.Formats;

/// <summary>How the run directory's CSV files are written and opened: commas, invariant culture, one header row.</summary>
internal static class RunCsv
{
    // Sep writes ';' unless told, and would guess the separator when reading; the files have always used ','.
    private static readonly SepSpec Spec = new(Sep.New(','), CultureInfo.InvariantCulture);

    /// <summary>A writer with the header already written, so a file without rows still names its columns.</summary>
    public static SepWriter Writer(IReadOnlyList<string> columns, int capacity)
    {
        var writer = Spec.Writer().ToText(capacity);
        writer.Header.Add(columns);
        writer.Header.Write();
        return writer;
    }

    /// <summary>A reader of <paramref name="csv"/>; rows may have any number of columns, for the caller to check and name the line.</summary>
    /// <exception cref="InvalidDataException">The header names a column twice, which Sep refuses; the message names the file.</exception>
    public static SepReader Reader(string csv, string source, string fileKind)
    {
        try
        {
            return Spec.Reader(o => o with { DisableColCountCheck = true }).FromText(csv);
        }
        catch (ArgumentException e)
        {
            throw HeaderDiffers(source, fileKind, e);
        }
    }

    /// <summary>The error for a file whose header row is not the expected one.</summary>
    public static InvalidDataException HeaderDiffers(string source, string fileKind, Exception? inner = null) =>
        new($"{source}:1: not a {fileKind} file (the header row differs)", inner);
}
