using System.Diagnostics;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Tests.Sampler;

public sealed class WalkBudgetTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    [Fact]
    public void AWalkOf3MsAt3Percent_IsDueAgain100MsLater()
    {
        var budget = new WalkBudget(0.03);
        Assert.True(budget.IsDue(0));

        budget.Spent(1000 * Ms, 3_000_000);

        Assert.False(budget.IsDue(1050 * Ms));
        Assert.False(budget.IsDue(1099 * Ms));
        Assert.True(budget.IsDue(1100 * Ms));
    }

    [Fact]
    public void ACheapWalk_IsDueAgainAtOnce()
    {
        var budget = new WalkBudget();
        budget.Spent(1000 * Ms, 0);

        Assert.True(budget.IsDue(1000 * Ms));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void AShareOutsideZeroToOne_IsRefused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WalkBudget(share));
}
