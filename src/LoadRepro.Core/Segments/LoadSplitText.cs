using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Segments;

/// <summary>What the reports say of a run that made one share of a load, or of a merge of shares; null for a whole run.</summary>
public static class LoadSplitText
{
    /// <summary>One sentence, or null when the run is neither a segment nor a merge.</summary>
    public static string? Of(RunRecord run)
    {
        if (run.Segment is { } s)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Segment {s.Index}/{s.Count} of the load: rate {s.Share.Rate} of {s.Whole.Rate}/s, concurrency {s.Share.Concurrency} of {s.Whole.Concurrency}, maxRequests {s.Share.MaxRequests} of {s.Whole.MaxRequests}; 'loadrepro merge' joins it with the other segments.");
        }

        if (run.Merged is not { } m)
        {
            return null;
        }

        var missing = Enumerable.Range(1, m.Count).Except(m.Segments).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}/{m.Count}")).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Merged from segments {string.Join(", ", m.Segments)} of {m.Count} ({string.Join(", ", m.Runs)}){(missing.Count > 0 ? $"; PARTIAL: segment {string.Join(", ", missing)} missing, so this is part of the load" : "")}. " +
            $"Server samples from {m.ServerSeriesFrom}; latency {(m.LatencyMergedExactly ? "from the segments' histograms added together" : "as the highest of the segments' percentiles (a segment kept no histogram)")}.");
    }
}
