using System.Globalization;

namespace LoadRepro.Server.Transport;

/// <summary>
/// The line the server prints on stdout when accept() fails: <c>ACCEPT-FAILED errno=EMFILE total=N</c>, the first of each errno
/// at once and then the running total once a second. Stdout is a descriptor the server already holds, so the line gets out
/// at the descriptor limit too, and it reaches the harness from inside a network namespace as well.
/// </summary>
public static class AcceptFailureLine
{
    /// <summary>The line's first word.</summary>
    public const string Prefix = "ACCEPT-FAILED";

    /// <summary>Formats the line.</summary>
    public static string Format(string errno, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix} errno={errno} total={total}");

    /// <summary>Reads errno and total from a line; false when the line is not one.</summary>
    public static bool TryParse(string line, out string errno, out long total)
    {
        errno = "";
        total = 0;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [Prefix, var e, var t] || !e.StartsWith("errno=", StringComparison.Ordinal) || !t.StartsWith("total=", StringComparison.Ordinal))
        {
            return false;
        }

        errno = e["errno=".Length..];
        return errno.Length > 0 && long.TryParse(t.AsSpan("total=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out total);
    }
}
