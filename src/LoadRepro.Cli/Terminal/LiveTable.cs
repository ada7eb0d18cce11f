using System.Text;

namespace LoadRepro.Cli.Terminal;

/// <summary>
/// Lays out the live view's table as text lines: four columns with a rounded border, a header, and a caption under it,
/// each line at most the terminal's width. Plain string work, cheap enough to redraw under load (a layout engine's
/// generic measuring, segments and markup cost milliseconds a frame while its code is still cold).
/// </summary>
public static class LiveTable
{
    private static readonly string[] Header = ["client", "", "target", ""];

    /// <summary>The lines of the table of <paramref name="rows"/> (four cells each) with <paramref name="caption"/> under it.</summary>
    public static List<string> Lines(IReadOnlyList<string[]> rows, string caption, int width)
    {
        var widths = new int[Header.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = Header[c].Length;
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var lines = new List<string>(rows.Count + 6)
        {
            Rule('╭', '┬', '╮', widths),
            Cells(Header, widths),
            Rule('├', '┼', '┤', widths),
        };
        lines.AddRange(rows.Select(row => Cells(row, widths)));
        lines.Add(Rule('╰', '┴', '╯', widths));
        var tableWidth = lines[0].Length;
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i] = Fit(lines[i], width);
        }

        // The caption is centred under the table, and wrapped at its width (or the terminal's, when narrower).
        var captionWidth = Math.Max(1, Math.Min(tableWidth, width));
        for (var rest = caption.Trim(); rest.Length > 0;)
        {
            var take = rest.Length <= captionWidth ? rest.Length : BreakAt(rest, captionWidth);
            var line = rest[..take].TrimEnd();
            lines.Add(new string(' ', Math.Max(0, (captionWidth - line.Length) / 2)) + line);
            rest = rest[take..].TrimStart();
        }

        return lines;
    }

    private static int BreakAt(string text, int width)
    {
        var space = text.LastIndexOf(' ', width);
        return space > 0 ? space : width;
    }

    private static string Rule(char left, char middle, char right, int[] widths)
    {
        var line = new StringBuilder().Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            line.Append('─', widths[c] + 2).Append(c == widths.Length - 1 ? right : middle);
        }

        return line.ToString();
    }

    private static string Cells(string[] cells, int[] widths)
    {
        var line = new StringBuilder().Append('│');
        for (var c = 0; c < widths.Length; c++)
        {
            line.Append(' ').Append(cells[c].PadRight(widths[c])).Append(" │");
        }

        return line.ToString();
    }

    private static string Fit(string line, int width) => line.Length <= width ? line : line[..width];
}
