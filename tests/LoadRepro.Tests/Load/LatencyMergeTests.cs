using HdrHistogram;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Tests.Load;

public sealed class LatencyMergeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("latency-merge-").FullName;

    [Fact]
    public void Sum_OfLogsReadBack_IsTheHistogramOfEveryRequest_NotAnAverageOfPercentiles()
    {
        // Three segments with different latencies: one fast, one slow, one mixed; microseconds.
        int[][] segments =
        [
            [.. Enumerable.Range(1, 900).Select(i => 1_000 + i)],
            [.. Enumerable.Range(1, 60).Select(i => 200_000 + (i * 1_000))],
            [.. Enumerable.Range(1, 300).Select(i => i % 10 == 0 ? 50_000 : 2_000)],
        ];
        var everyRequest = new LongHistogram(1, 3_600_000_000, 3);
        var read = new List<LatencyHistograms>();
        for (var s = 0; s < segments.Length; s++)
        {
            var all = new LongHistogram(1, 3_600_000_000, 3);
            var kind = new LongHistogram(1, 3_600_000_000, 3);
            foreach (var v in segments[s])
            {
                all.RecordValue(v);
                kind.RecordValue(v);
                everyRequest.RecordValue(v);
            }

            var path = Path.Combine(_folder, $"segment-{s}.hlog");
            File.WriteAllText(path, LatencyLog.Render(new LatencyHistograms(all, [kind]), DateTimeOffset.UtcNow));
            read.Add(LatencyLog.Read(path));
        }

        var sum = LatencyHistograms.Sum(read);

        Assert.Equal(segments.Sum(s => s.Length), sum.All.TotalCount);
        Assert.Equal(sum.All.TotalCount, sum.ByKind[0].TotalCount);
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            Assert.Equal(everyRequest.GetValueAtPercentile(p), sum.All.GetValueAtPercentile(p));
        }

        Assert.Equal(everyRequest.GetMaxValue(), sum.All.GetMaxValue());
        var averageOfP99s = read.Average(r => r.All.GetValueAtPercentile(99));
        Assert.NotEqual(averageOfP99s, sum.All.GetValueAtPercentile(99), 0.0);
    }

    [Fact]
    public void Read_AFileThatIsNotALog_IsOneLineNamingIt()
    {
        var path = Path.Combine(_folder, "latency.hlog");
        File.WriteAllText(path, "not a histogram\n");

        var e = Assert.Throws<InvalidDataException>(() => LatencyLog.Read(path));

        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
