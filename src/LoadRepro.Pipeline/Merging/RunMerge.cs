using System.Globalization;
using LoadRepro.Core.Records;
using LoadRepro.Core.Segments;
using LoadRepro.Load.Metrics;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Pipeline.Merging;

/// <summary>
/// <c>loadrepro merge</c>: reads the run directories of one scenario's segments, checks that they fit together
/// (<see cref="SegmentSet"/>), adds their latency histograms (<c>latency.hlog</c>) and their counts, and writes one run
/// directory with every usual report (<see cref="MergedRun"/>).
/// </summary>
public static class RunMerge
{
    /// <summary>Merges <paramref name="directories"/> into a new run directory in <paramref name="folder"/>.</summary>
    /// <exception cref="UserFacingException">A directory is not a run, or the runs do not fit together (exit 2); the folder cannot be written (exit 2).</exception>
    public static MergeOutcome Merge(IReadOnlyList<string> directories, string folder)
    {
        SegmentSet set;
        try
        {
            set = SegmentSet.Of(directories.Select(Read).ToList());
        }
        catch (InvalidDataException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }

        var warnings = new List<string>();
        if (set.Missing.Count > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"warning: segment{(set.Missing.Count > 1 ? "s" : "")} {string.Join(", ", set.Missing.Select(i => $"{i}/{set.Count}"))} missing: the merged run holds {set.Runs.Count} of {set.Count} shares of the load (partial)"));
        }

        var histograms = ReadHistograms(set.Runs, warnings);
        var latency = histograms is null ? null : Summaries(LatencyHistograms.Sum(histograms));
        var first = set.Runs[0].Record;
        var directory = RunDirectory.Create(folder, $"{first.Scenario}-merged", set.Runs.Min(r => r.Record.StartedAt));
        var merged = MergedRun.Merge(set, latency, directory);
        try
        {
            RunReports.WriteAll(directory, merged.Record, merged.Samples, merged.Client);
            if (histograms is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(directory, LatencyLog.Name), LatencyLog.Render(LatencyHistograms.Sum(histograms), merged.Record.StartedAt));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot write the merged run to {directory}: {e.Message.TrimEnd('.')}", ExitCodes.Environment, e);
        }

        return new MergeOutcome(merged, warnings);
    }

    private static RunResult Read(string directory)
    {
        if (Directory.Exists(directory) && !File.Exists(Path.Combine(directory, JsonSummary.Name)))
        {
            throw new InvalidDataException($"{directory}: no {JsonSummary.Name} (not a run directory, or its run never finished)");
        }

        return RunDirectoryReader.Read(directory);
    }

    /// <summary>Every segment's histograms, or null (with a warning) when one kept none.</summary>
    private static List<LatencyHistograms>? ReadHistograms(IReadOnlyList<RunResult> runs, List<string> warnings)
    {
        var without = runs.Where(r => !File.Exists(Path.Combine(r.Directory, LatencyLog.Name))).Select(SegmentSet.Name).ToList();
        if (without.Count > 0)
        {
            warnings.Add($"warning: {string.Join(", ", without)} kept no {LatencyLog.Name}: latency percentiles are the highest of the segments', an upper bound, not merged exactly");
            return null;
        }

        try
        {
            return runs.Select(r => LatencyLog.Read(Path.Combine(r.Directory, LatencyLog.Name))).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }

    private static MergedLatency Summaries(LatencyHistograms sum) =>
        new(LoadMetrics.Latency(sum.All, sum.All.TotalCount), sum.ByKind.Select(h => LoadMetrics.Latency(h, h.TotalCount)).ToList());
}
