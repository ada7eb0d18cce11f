using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Segments;

namespace LoadRepro.Tests.Segments;

public sealed class LoadSegmentTests
{
    [Theory]
    [InlineData(1000, 3, new[] { 334, 333, 333 })]
    [InlineData(16, 3, new[] { 6, 5, 5 })]
    [InlineData(20000, 3, new[] { 6667, 6667, 6666 })]
    [InlineData(7, 7, new[] { 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(250, 1, new[] { 250 })]
    public void ShareOf_GivesTheFirstSegmentsOneMore_AndTheSharesAddUpToTheWhole(int total, int count, int[] expected)
    {
        var shares = Enumerable.Range(1, count).Select(i => LoadSegment.Parse($"{i}/{count}").ShareOf(total)).ToArray();

        Assert.Equal(expected, shares);
        Assert.Equal(total, shares.Sum());
    }

    [Fact]
    public void ShareOf_ForEveryTotalAndCount_AddsUpExactly_AndNoTwoSharesDifferByMoreThanOne()
    {
        for (var count = 1; count <= 12; count++)
        {
            for (var total = count; total <= 500; total++)
            {
                var shares = Enumerable.Range(1, count).Select(i => LoadSegment.Parse($"{i}/{count}").ShareOf(total)).ToList();
                Assert.Equal(total, shares.Sum());
                Assert.True(shares.Max() - shares.Min() <= 1, $"{total} over {count}: {string.Join('/', shares)}");
            }
        }
    }

    [Theory]
    [InlineData("0/3", "out of range")]
    [InlineData("4/3", "out of range")]
    [InlineData("1/0", "out of range")]
    [InlineData("x/y", "'x/y' is not i/n")]
    [InlineData("2", "'2' is not i/n")]
    [InlineData("-1/3", "'-1/3' is not i/n")]
    [InlineData("1/2/3", "'1/2/3' is not i/n")]
    public void Parse_RefusesWhatIsNotASegment_InOneLine(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => LoadSegment.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Apply_RateModel_SplitsRateStagesAndMaxRequests_AndRecordsShareAndWhole()
    {
        var scenario = Scenario(LoadModelKind.Rate, ConnectionKind.Short, rate: 1000, concurrency: 16, maxRequests: 20000) with { };
        scenario = scenario with { Load = scenario.Load with { Stages = [new RateStage { Duration = TimeSpan.FromSeconds(1), Rate = 100 }] } };

        var second = LoadSegment.Parse("2/3").Apply(scenario);

        Assert.Equal(333, second.Load.Rate);
        Assert.Equal(6667, second.Load.MaxRequests);
        Assert.Equal(33, second.Load.Stages[0].Rate);
        Assert.Equal(16, second.Load.Concurrency); // unused by short connections at a rate: not split
        Assert.Equal(new SegmentInfo
        {
            Index = 2,
            Count = 3,
            Share = new LoadShare { Rate = 333, Concurrency = 16, MaxRequests = 6667 },
            Whole = new LoadShare { Rate = 1000, Concurrency = 16, MaxRequests = 20000 },
        }, second.Segment);
    }

    [Fact]
    public void Apply_ClosedModel_SplitsTheWorkers()
    {
        var shares = Enumerable.Range(1, 3)
            .Select(i => LoadSegment.Parse($"{i}/3").Apply(Scenario(LoadModelKind.Concurrency, ConnectionKind.Short, rate: 250, concurrency: 16, maxRequests: 900)).Load)
            .ToList();

        Assert.Equal([6, 5, 5], shares.Select(l => l.Concurrency));
        Assert.Equal([300, 300, 300], shares.Select(l => l.MaxRequests));
    }

    [Theory]
    [InlineData(LoadModelKind.Concurrency, ConnectionKind.Short, 500, 2, 1000, "concurrency of 2 cannot be split into 3 shares")]
    [InlineData(LoadModelKind.Rate, ConnectionKind.KeepAlive, 500, 2, 1000, "concurrency of 2 cannot be split into 3 shares")]
    [InlineData(LoadModelKind.Rate, ConnectionKind.Short, 2, 16, 1000, "rate of 2 cannot be split into 3 shares")]
    [InlineData(LoadModelKind.Rate, ConnectionKind.Short, 500, 16, 2, "maxRequests of 2 cannot be split into 3 shares")]
    public void Apply_RefusesAShareOfZero(LoadModelKind model, ConnectionKind connection, int rate, int concurrency, int maxRequests, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => LoadSegment.Parse("3/3").Apply(Scenario(model, connection, rate, concurrency, maxRequests)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static ScenarioDefinition Scenario(LoadModelKind model, ConnectionKind connection, int rate, int concurrency, int maxRequests) => new()
    {
        Name = "split",
        Load = new LoadSettings { Model = model, Connection = connection, Rate = rate, Concurrency = concurrency, MaxRequests = maxRequests },
    };
}
