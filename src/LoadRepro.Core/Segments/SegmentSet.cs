using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Segments;

/// <summary>
/// The runs of one scenario's segments, checked to fit together before they are merged: one scenario and one whole load, one
/// segment count, each segment at most once. Missing segments are allowed: the merge is then partial, and says so.
/// </summary>
public sealed record SegmentSet
{
    private SegmentSet(IReadOnlyList<RunResult> runs, int count, IReadOnlyList<int> missing) => (Runs, Count, Missing) = (runs, count, missing);

    /// <summary>The runs, in segment order.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>How many segments the load was split into.</summary>
    public int Count { get; }

    /// <summary>The segments no run was given for (1-based); empty when the load is whole.</summary>
    public IReadOnlyList<int> Missing { get; }

    /// <summary>Checks <paramref name="runs"/> and orders them by segment.</summary>
    /// <exception cref="InvalidDataException">They do not fit together; the message is one line naming the runs.</exception>
    public static SegmentSet Of(IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0)
        {
            throw new InvalidDataException("no run directory to merge");
        }

        foreach (var run in runs)
        {
            if (run.Record.Segment is null)
            {
                throw new InvalidDataException($"{Name(run)}: not a segment (it was not run with --segment i/n): merge joins the runs of one scenario's segments");
            }
        }

        var first = runs[0];
        var firstSegment = first.Record.Segment!;
        foreach (var run in runs.Skip(1))
        {
            var segment = run.Record.Segment!;
            if (run.Record.Scenario != first.Record.Scenario)
            {
                throw new InvalidDataException($"{Name(first)} ran {first.Record.Scenario} and {Name(run)} ran {run.Record.Scenario}: merge joins the segments of one scenario");
            }

            if (segment.Count != firstSegment.Count)
            {
                throw new InvalidDataException($"{Name(first)} is segment {Text(firstSegment)} and {Name(run)} is segment {Text(segment)}: the segment counts disagree ({firstSegment.Count} and {segment.Count})");
            }

            if (segment.Whole != firstSegment.Whole || run.Record.Load.Model != first.Record.Load.Model || run.Record.Load.Connection != first.Record.Load.Connection)
            {
                throw new InvalidDataException($"{Name(first)} and {Name(run)} split different loads of {first.Record.Scenario} ({Whole(firstSegment)} and {Whole(segment)}): merge joins shares of one load");
            }
        }

        foreach (var pair in runs.GroupBy(r => r.Record.Segment!.Index).Where(g => g.Count() > 1))
        {
            var names = pair.Select(Name).ToList();
            throw new InvalidDataException(names.Distinct(StringComparer.Ordinal).Count() < names.Count
                ? $"{names[0]} is given twice"
                : $"{string.Join(" and ", names)} are both segment {Text(pair.First().Record.Segment!)}: their loads overlap");
        }

        var ordered = runs.OrderBy(r => r.Record.Segment!.Index).ToList();
        var present = ordered.Select(r => r.Record.Segment!.Index).ToHashSet();
        var missing = Enumerable.Range(1, firstSegment.Count).Where(i => !present.Contains(i)).ToList();
        return new SegmentSet(ordered, firstSegment.Count, missing);
    }

    /// <summary>A run's name: its directory's last part.</summary>
    public static string Name(RunResult run) => Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Directory));

    private static string Text(SegmentInfo s) => string.Create(CultureInfo.InvariantCulture, $"{s.Index}/{s.Count}");

    private static string Whole(SegmentInfo s) =>
        string.Create(CultureInfo.InvariantCulture, $"rate {s.Whole.Rate}, concurrency {s.Whole.Concurrency}, maxRequests {s.Whole.MaxRequests}");
}
