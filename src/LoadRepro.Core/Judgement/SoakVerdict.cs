using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// Whether the harness came back to its baseline over a soak: its descriptors, live managed objects and RSS after each
/// run, the first pass excluded (it warms up the JIT, the thread pool and the GC heap).
/// </summary>
public sealed record SoakVerdict
{
    /// <summary>Descriptors the harness may hold above its warmed-up baseline at the end.</summary>
    public const int FdSlack = 8;

    /// <summary>Managed-heap growth over the warmed-up peak, in MiB, above which the soak fails.</summary>
    public const double HeapSlackMiB = 8;

    /// <summary>RSS growth over the warmed-up peak, in MiB, above which the soak fails.</summary>
    public const double RssSlackMiB = 64;

    /// <summary>The footprint after the first pass: the baseline.</summary>
    public required HarnessFootprint Warmed { get; init; }

    /// <summary>The footprint at the end.</summary>
    public required HarnessFootprint Last { get; init; }

    /// <summary>Descriptors gained since the first pass.</summary>
    public required int FdGrowth { get; init; }

    /// <summary>The highest live managed objects of the first half, in MiB.</summary>
    public required double HeapPeakMiB { get; init; }

    /// <summary>The highest RSS of the first half, in MiB.</summary>
    public required double RssPeakMiB { get; init; }

    /// <summary>True when descriptors, heap and RSS all came back within their slack.</summary>
    public required bool Held { get; init; }

    /// <summary>The verdict in one line.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"descriptors {FdGrowth:+0;-0;0} since the first pass (limit +{FdSlack}); live managed objects {Last.HeapMiB:0.0} MiB at the end, peak {HeapPeakMiB:0.0} MiB in the first half (limit +{HeapSlackMiB:0}); RSS {Last.RssMiB:0.0} MiB at the end, peak {RssPeakMiB:0.0} MiB in the first half (limit +{RssSlackMiB:0}) -> {(Held ? "back to baseline" : "GREW")}");

    /// <summary>Judges the footprints taken after each run, in order; <paramref name="runsPerPass"/> runs make one pass.</summary>
    /// <exception cref="ArgumentException">No footprint was taken.</exception>
    public static SoakVerdict Judge(IReadOnlyList<HarnessFootprint> footprints, int runsPerPass)
    {
        if (footprints.Count == 0)
        {
            throw new ArgumentException("a soak verdict needs at least one footprint", nameof(footprints));
        }

        // Memory is compared with the peak of the first half rather than point to point: the shared ArrayPool keeps the
        // sampler's large /proc buffers (several MiB each during a CLOSE_WAIT pile) per thread and per core, so the live
        // set moves up and down in steps of 4-8 MiB from run to run (seen here between 15 and 49 MiB). A leak climbs past
        // the early peak and stays there; pooling does not. Descriptors have no such noise and are compared point to point.
        var warmed = footprints.Skip(Math.Min(runsPerPass, footprints.Count) - 1).ToList();
        var early = warmed.Take(Math.Max(1, warmed.Count / 2)).ToList();
        var last = footprints[^1];
        var fdGrowth = last.Fds - early[0].Fds;
        var heapPeak = early.Max(f => f.HeapMiB);
        var rssPeak = early.Max(f => f.RssMiB);
        return new SoakVerdict
        {
            Warmed = early[0],
            Last = last,
            FdGrowth = fdGrowth,
            HeapPeakMiB = heapPeak,
            RssPeakMiB = rssPeak,
            Held = fdGrowth <= FdSlack && last.HeapMiB <= heapPeak + HeapSlackMiB && last.RssMiB <= rssPeak + RssSlackMiB,
        };
    }
}
