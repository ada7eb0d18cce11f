using System.Text.RegularExpressions;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

public sealed class HtmlReportTests
{
    [Fact]
    public void Report_IsOnePage_WithTheVerdict_ThePrediction_AndThreeInlineCharts()
    {
        var html = new HtmlReport().Render(SyntheticRuns.Leak(), SyntheticRuns.Samples(t => t < 0.2 ? 0 : (int)((Math.Min(t, 2) - 0.2) * 480)), []);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("CLOSE_WAIT leak: EMFILE 1.74 s after the load started", html, StringComparison.Ordinal);
        Assert.Contains("1.7 s = (limit 1024 − baseline 180) ÷ 497.7 descriptors/s", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<svg "));
        Assert.Matches(@">\s*first EMFILE\s*<", html);
        Assert.Matches(@">\s*seconds since the load started \(s\)\s*<", html);
        Assert.Matches(@">\s*limit 1024\s*<", html);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OfARecordWithoutHost_SaysTheEnvironmentWasNotRecorded()
    {
        var html = new HtmlReport().Render(SyntheticRuns.Fixed(), SyntheticRuns.Samples(_ => 0), []);
        Assert.Contains("not recorded", html, StringComparison.Ordinal);
        Assert.Contains("Healthy: nothing leaks", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_PutTheTimeWaitPredictionBesideTheMeasurement_OnlyWhereTimeWaitPiledUp()
    {
        var run = SyntheticRuns.Fixed() with
        {
            Diagnosis = new() { Kind = DiagnosisKind.Healthy, Summary = "s", PredictedTimeWait = 28232, CloseRatePerSecond = 499.5, MeasuredTimeWait = 1981, TimeWaitPlateauReached = false },
        };
        var samples = SyntheticRuns.Samples(_ => 0);
        Assert.Contains("TIME_WAIT predicted at steady state: 28232 (499.5 closes/s × 60 s, capped by the port range); measured: 1981 (still rising", new MarkdownReport().Render(run, samples, []), StringComparison.Ordinal);
        Assert.Contains("28232 = 499.5 closes/s × 60 s", new HtmlReport().Render(run, samples, []), StringComparison.Ordinal);

        var leak = SyntheticRuns.Leak() with { Diagnosis = SyntheticRuns.Leak().Diagnosis with { PredictedTimeWait = 16191, CloseRatePerSecond = 270 } };
        Assert.DoesNotContain("TIME_WAIT predicted", new MarkdownReport().Render(leak, samples, []), StringComparison.Ordinal);
        Assert.DoesNotContain("TIME_WAIT plateau", new HtmlReport().Render(leak, samples, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EscapesWhatItQuotes()
    {
        var run = SyntheticRuns.Fixed() with { Scenario = "<b>odd</b>" };
        var html = new HtmlReport().Render(run, SyntheticRuns.Samples(_ => 0), []);
        Assert.DoesNotContain("<b>odd</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;odd&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientSeries_AddsRequestsAndLatencyPerSecondCharts_OnlyWhenKnown()
    {
        ClientSecond[] client =
        [
            new() { Seconds = 1, Ok = 500, Failed = 0, P99Ms = 2.5 },
            new() { Seconds = 2, Ok = 120, Failed = 380, P99Ms = 900 },
            new() { Seconds = 2.5, Ok = 0, Failed = 250, P99Ms = 0 },
        ];
        var samples = SyntheticRuns.Samples(_ => 0);
        var with = new HtmlReport().Render(SyntheticRuns.Leak(), samples, client);
        var without = new HtmlReport().Render(SyntheticRuns.Leak(), samples, []);

        Assert.Contains("Requests per second seen by the client", with, StringComparison.Ordinal);
        Assert.Contains("Latency p99 per second", with, StringComparison.Ordinal);
        Assert.True(CountSvg(with) == CountSvg(without) + 2, $"{CountSvg(with)} charts with the client series, {CountSvg(without)} without");
        Assert.DoesNotContain("Requests per second seen by the client", without, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientChart_DrawsTheMostFrequentFailureKinds_AndTheRestTogether()
    {
        static Dictionary<string, long> E(long timeout, long reset, long refused, long emfile, long bad) =>
            new() { ["timeout"] = timeout, ["ECONNRESET"] = reset, ["ECONNREFUSED"] = refused, ["EMFILE"] = emfile, ["badResponse"] = bad };
        ClientSecond[] five =
        [
            new() { Seconds = 1, Ok = 500, P99Ms = 2.5, Errors = E(0, 0, 0, 0, 0) },
            new() { Seconds = 2, Ok = 100, Failed = 415, P99Ms = 900, Errors = E(300, 80, 20, 10, 5) },
        ];
        var samples = SyntheticRuns.Samples(_ => 0);

        var html = new HtmlReport().Render(SyntheticRuns.Leak(), samples, five);

        foreach (var kind in new[] { "timeout", "ECONNRESET", "ECONNREFUSED" })
        {
            Assert.Matches($@">\s*failed: {kind}\s*<", html);
        }

        Assert.Matches(@">\s*failed: 2 other kinds\s*<", html);
        Assert.DoesNotMatch(@">\s*failed: EMFILE\s*<", html);

        // Four kinds are drawn each; none at all is one flat "failed" line.
        var four = five.Select(r => r with { Errors = r.Errors.Where(e => e.Key != "badResponse").ToDictionary() }).ToArray();
        Assert.Matches(@">\s*failed: EMFILE\s*<", new HtmlReport().Render(SyntheticRuns.Leak(), samples, four));
        Assert.Matches(@">\s*failed\s*<", new HtmlReport().Render(SyntheticRuns.Leak(), samples, [new ClientSecond { Seconds = 1, Ok = 500 }]));
    }

    private static int CountSvg(string html) => html.Split("<svg").Length - 1;
}
