using System.Text.RegularExpressions;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Tests.Reports;

public sealed class HtmlReportTests
{
    [Fact]
    public void Report_IsOnePage_WithTheVerdict_ThePrediction_AndThreeInlineCharts()
    {
        var html = new HtmlReport().Render(SyntheticRuns.Leak(), SyntheticRuns.Samples(t => t < 0.2 ? 0 : (int)((Math.Min(t, 2) - 0.2) * 480)));

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
        var html = new HtmlReport().Render(SyntheticRuns.Fixed(), SyntheticRuns.Samples(_ => 0));
        Assert.Contains("not recorded", html, StringComparison.Ordinal);
        Assert.Contains("Healthy: nothing leaks", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_PutTheTimeWaitPredictionBesideTheMeasurement_OnlyWhereTimeWaitPiledUp()
    {
        var run = SyntheticRuns.Fixed() with
        {
            Diagnosis = new() { Kind = "healthy", Summary = "s", PredictedTimeWait = 28232, CloseRatePerSecond = 499.5, MeasuredTimeWait = 1981, TimeWaitPlateauReached = false },
        };
        var samples = SyntheticRuns.Samples(_ => 0);
        Assert.Contains("TIME_WAIT predicted at steady state: 28232 (499.5 closes/s × 60 s, capped by the port range); measured: 1981 (still rising", new MarkdownReport().Render(run, samples), StringComparison.Ordinal);
        Assert.Contains("28232 = 499.5 closes/s × 60 s", new HtmlReport().Render(run, samples), StringComparison.Ordinal);

        var leak = SyntheticRuns.Leak() with { Diagnosis = SyntheticRuns.Leak().Diagnosis with { PredictedTimeWait = 16191, CloseRatePerSecond = 270 } };
        Assert.DoesNotContain("TIME_WAIT predicted", new MarkdownReport().Render(leak, samples), StringComparison.Ordinal);
        Assert.DoesNotContain("TIME_WAIT plateau", new HtmlReport().Render(leak, samples), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EscapesWhatItQuotes()
    {
        var run = SyntheticRuns.Fixed() with { Scenario = "<b>odd</b>" };
        var html = new HtmlReport().Render(run, SyntheticRuns.Samples(_ => 0));
        Assert.DoesNotContain("<b>odd</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;odd&lt;/b&gt;", html, StringComparison.Ordinal);
    }
}
