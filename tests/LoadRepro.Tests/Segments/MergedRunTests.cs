using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Segments;
using LoadRepro.Reports.Formats;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Segments;

public sealed class MergedRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void ClientSeries_AreAddedPerWallClockSecond_FromTheEarliestLoadStart()
    {
        // Segment 2's load starts 0.5 s after segment 1's: its first second ends in the merged second 2.
        var a = Segment(1, 2, Start, [Row(1, 100), Row(2, 100)]);
        var b = Segment(2, 2, Start.AddSeconds(0.5), [Row(1, 10), Row(2, 10)]);

        var merged = MergedClientSeries.Sum([a, b], Start.AddSeconds(0.2));

        Assert.Equal([1.0, 2, 3], merged.Select(r => r.Seconds));
        Assert.Equal([100L, 110, 10], merged.Select(r => r.Started));
        Assert.Equal(a.Client.Sum(r => r.Ok) + b.Client.Sum(r => r.Ok), merged.Sum(r => r.Ok));
        Assert.Equal(14, merged.Single(r => r.Seconds == 2).Errors["timeout"]);
    }

    [Fact]
    public void Merge_AddsTheCounts_TakesTheGivenPercentiles_AndTheServerSeriesOfTheFirstSegmentWithSamples()
    {
        var a = Segment(1, 2, Start, [Row(1, 100)]) with { Samples = [] };
        var b = Segment(2, 2, Start.AddSeconds(1), [Row(1, 10)]);
        var latency = new MergedLatency(new LatencySummary { P50 = 1, P90 = 2, P99 = 3, Max = 4 }, []);

        var merged = MergedRun.Merge(SegmentSet.Of([a, b]), latency, "/tmp/merged");

        Assert.Equal(a.Record.Client.RequestsOk + b.Record.Client.RequestsOk, merged.Record.Client.RequestsOk);
        Assert.Equal(latency.All, merged.Record.Client.LatencyMs);
        Assert.Equal(500, merged.Record.Load.Rate);
        Assert.Equal(16, merged.Record.Load.Concurrency); // not split (short connections at a rate): the whole, not 2 × 16
        Assert.Equal(1000, merged.Record.Load.MaxRequests);
        Assert.Equal("run-2", merged.Record.Merged!.ServerSeriesFrom);
        Assert.Equal(b.Samples.Count, merged.Samples.Count);
        Assert.Equal(b.Samples[0].Seconds + 1, merged.Samples[0].Seconds, 3);
        Assert.False(merged.Record.Merged.Partial);
        Assert.Null(merged.Record.Segment);
    }

    [Fact]
    public void Merge_WithoutHistograms_TakesTheHighestPercentile_NeverAnAverage()
    {
        var a = Segment(1, 2, Start, [Row(1, 100)]);
        var b = Segment(2, 2, Start, [Row(1, 10)]);
        b = b with { Record = b.Record with { Client = b.Record.Client with { LatencyMs = new LatencySummary { P99 = 900 } } } };

        var merged = MergedRun.Merge(SegmentSet.Of([a, b]), latency: null, "/tmp/merged");

        Assert.Equal(900, merged.Record.Client.LatencyMs.P99);
        Assert.False(merged.Record.Merged!.LatencyMergedExactly);
    }

    [Fact]
    public void SegmentAndMerge_SurviveSummaryJson_AndTheReportsSayWhichShareOrWhichSegments()
    {
        var segment = Segment(2, 3, Start, [Row(1, 10)]).Record;
        var partial = MergedRun.Merge(SegmentSet.Of([Segment(1, 3, Start, [Row(1, 10)]), Segment(3, 3, Start, [Row(1, 10)])]), null, "/tmp/merged").Record;

        var read = JsonSummary.Read(new JsonSummary().Render(segment, [], []), "summary.json");
        var readMerged = JsonSummary.Read(new JsonSummary().Render(partial, [], []), "summary.json");

        Assert.Equal(segment.Segment, read.Segment);
        Assert.Equal([1, 3], readMerged.Merged!.Segments);
        Assert.True(readMerged.Merged.Partial);
        Assert.Contains("Segment 2/3 of the load: rate 167 of 500/s", new MarkdownReport().Render(segment, [], []), StringComparison.Ordinal);
        Assert.Contains("PARTIAL: segment 2/3 missing", new MarkdownReport().Render(partial, [], []), StringComparison.Ordinal);
        Assert.Contains("PARTIAL: segment 2/3 missing", new HtmlReport().Render(partial, [], []), StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentSet_WithASegmentMissing_IsPartial_AndNamesIt()
    {
        var set = SegmentSet.Of([Segment(3, 3, Start, []), Segment(1, 3, Start, [])]);

        Assert.Equal([1, 3], set.Runs.Select(r => r.Record.Segment!.Index));
        Assert.Equal([2], set.Missing);
    }

    [Theory]
    [InlineData("scenario", "ran close-wait-fixed and")]
    [InlineData("count", "the segment counts disagree (2 and 3)")]
    [InlineData("overlap", "run-1 and run-1b are both segment 1/2: their loads overlap")]
    [InlineData("twice", "run-1 is given twice")]
    [InlineData("whole", "split different loads")]
    [InlineData("whole-run", "run-w: not a segment")]
    public void SegmentSet_RefusesRunsThatDoNotFit_InOneLine(string problem, string expected)
    {
        var a = Segment(1, 2, Start, []);
        RunResult b = problem switch
        {
            "scenario" => Segment(2, 2, Start, []) with { Record = Segment(2, 2, Start, []).Record with { Scenario = "other" } },
            "count" => Segment(2, 3, Start, []),
            "overlap" => Segment(1, 2, Start, []) with { Directory = "/r/run-1b" },
            "twice" => a,
            "whole" => Segment(2, 2, Start, [], wholeRate: 600),
            _ => Segment(2, 2, Start, []) with { Directory = "/r/run-w", Record = Segment(2, 2, Start, []).Record with { Segment = null } },
        };

        var e = Assert.Throws<InvalidDataException>(() => SegmentSet.Of([a, b]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static ClientSecond Row(double seconds, long started) => new()
    {
        Seconds = seconds,
        Started = started,
        Ok = started - 7,
        Failed = 7,
        ConnectionsOpened = started,
        Errors = new Dictionary<string, long> { ["timeout"] = 7 },
    };

    private static RunResult Segment(int index, int count, DateTimeOffset startedAt, IReadOnlyList<ClientSecond> rows, int wholeRate = 500)
    {
        var segment = LoadSegment.Parse($"{index}/{count}");
        var share = new LoadShare { Rate = segment.ShareOf(wholeRate), Concurrency = 16, MaxRequests = segment.ShareOf(1000) };
        var record = SyntheticRuns.Run("close-wait-fixed", ConnectionKind.Short) with
        {
            StartedAt = startedAt,
            Load = new LoadInfo { Model = LoadModelKind.Rate, Connection = ConnectionKind.Short, Http = "1.1", Rate = share.Rate, DurationSeconds = 4, MaxRequests = share.MaxRequests },
            Client = new ClientSummary { RequestsOk = rows.Sum(r => r.Ok), RequestsFailed = rows.Sum(r => r.Failed), LatencyMs = new LatencySummary { P99 = 10 * index } },
            Segment = new SegmentInfo { Index = index, Count = count, Share = share, Whole = new LoadShare { Rate = wholeRate, Concurrency = 16, MaxRequests = 1000 } },
        };
        return new RunResult($"/r/run-{index}", record, SyntheticRuns.Samples(_ => 0), rows);
    }
}
