using LoadRepro.Reports.Formats;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

/// <summary>The reports say when samples carried their TCP counts forward, and say nothing when every sample walked.</summary>
public sealed class TcpWalkReportTests
{
    private const string Sentence = "carry the TCP counts of the sample before";

    [Fact]
    public void SamplesThatCarriedTcpCounts_AreNamedWithTheBudget_InMarkdownAndHtml()
    {
        var fixedRun = SyntheticRuns.Fixed();
        var run = fixedRun with { Samples = fixedRun.Samples with { Count = 40, TcpCarried = 30 } };
        var samples = SyntheticRuns.Samples(_ => 0);

        var md = new MarkdownReport().Render(run, samples, []);
        Assert.Contains($"30 of the 40 samples {Sentence}", md, StringComparison.Ordinal);
        Assert.Contains("more than 3% of a core", md, StringComparison.Ordinal);
        Assert.Contains(Sentence, new HtmlReport().Render(run, samples, []), StringComparison.Ordinal);
    }

    [Fact]
    public void EverySampleWalked_NothingIsSaid()
    {
        var run = SyntheticRuns.Fixed();

        Assert.DoesNotContain(Sentence, new MarkdownReport().Render(run, SyntheticRuns.Samples(_ => 0), []), StringComparison.Ordinal);
    }
}
