using System.Globalization;
using System.Text;
using HdrHistogram;

namespace LoadRepro.Load.Metrics;

/// <summary>
/// <c>latency.hlog</c>: a run's latency histograms in HdrHistogram's own log format (compressed, base64, one line each), so
/// <c>loadrepro merge</c> adds several runs' histograms exactly and other HdrHistogram tools read them. The histogram of every
/// request is tagged <c>all</c>, each kind of request <c>kind-N</c> (its place in the mix, from 0).
/// </summary>
public static class LatencyLog
{
    /// <summary>The file's name in a run directory.</summary>
    public const string Name = "latency.hlog";

    private const string AllTag = "all";
    private const string KindTagPrefix = "kind-";

    /// <summary>The log's text; <paramref name="start"/> is the run's start (UTC).</summary>
    public static string Render(LatencyHistograms latency, DateTimeOffset start)
    {
        var tagged = new List<HistogramBase> { Tagged(latency.All, AllTag) };
        tagged.AddRange(latency.ByKind.Select((h, i) => Tagged(h, string.Create(CultureInfo.InvariantCulture, $"{KindTagPrefix}{i}"))));
        using var buffer = new MemoryStream();
        HistogramLogWriter.Write(buffer, start.UtcDateTime, [.. tagged]);

        // The writer writes UTF-16 with a byte-order mark; the format's other readers expect plain ASCII text.
        buffer.Position = 0;
        using var text = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return text.ReadToEnd();
    }

    /// <summary>Reads a log written by <see cref="Render"/>.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read, or holds no histogram tagged <c>all</c>; the message is one line naming it.</exception>
    public static LatencyHistograms Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read it ({e.Message.TrimEnd('.')})", e);
        }

        return Parse(text, path);
    }

    /// <summary>Reads the text of a log written by <see cref="Render"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">It holds no histogram tagged <c>all</c>, or is not a log; the message is one line naming <paramref name="source"/>.</exception>
    public static LatencyHistograms Parse(string text, string source)
    {
        List<HistogramBase> histograms;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            using var reader = new HistogramLogReader(stream);
            histograms = reader.ReadHistograms().ToList();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{source}: not an HdrHistogram log ({e.Message.TrimEnd('.')})", e);
        }

        var all = histograms.FirstOrDefault(h => h.Tag == AllTag)
            ?? throw new InvalidDataException($"{source}: no histogram tagged '{AllTag}'");
        var kinds = histograms.Where(h => h.Tag?.StartsWith(KindTagPrefix, StringComparison.Ordinal) == true)
            .OrderBy(h => int.Parse(h.Tag![KindTagPrefix.Length..], CultureInfo.InvariantCulture))
            .ToList();
        return new LatencyHistograms(all, kinds);
    }

    private static HistogramBase Tagged(HistogramBase histogram, string tag)
    {
        var copy = histogram.Copy();
        copy.Tag = tag;
        return copy;
    }
}
