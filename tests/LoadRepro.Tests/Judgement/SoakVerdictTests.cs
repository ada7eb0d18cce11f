using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;

namespace LoadRepro.Tests.Judgement;

/// <summary>The soak's verdict on the harness's own footprint after each run.</summary>
public sealed class SoakVerdictTests
{
    [Fact]
    public void FootprintsThatComeBack_Hold_TheFirstPassIsWarmUp()
    {
        // Two scenarios a pass: the first footprint is before the JIT and the pools warmed up, and does not count.
        var verdict = SoakVerdict.Judge([At(90, 40, 5), At(130, 110, 20), At(131, 112, 24), At(130, 111, 21), At(132, 120, 22)], runsPerPass: 2);

        Assert.True(verdict.Held, verdict.Text);
        Assert.Equal(2, verdict.FdGrowth);
        Assert.Equal(24, verdict.HeapPeakMiB);
        Assert.EndsWith("back to baseline", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptorsThatClimbPastTheSlack_Fail()
    {
        var verdict = SoakVerdict.Judge([At(130, 110, 20), At(131, 110, 20), At(135, 110, 20), At(130 + SoakVerdict.FdSlack + 1, 110, 20)], runsPerPass: 1);

        Assert.False(verdict.Held);
        Assert.Equal(SoakVerdict.FdSlack + 1, verdict.FdGrowth);
        Assert.EndsWith("GREW", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedObjectsPastTheEarlyPeakAndItsSlack_Fail_RssWithinItsSlack_Holds()
    {
        Assert.False(SoakVerdict.Judge([At(130, 110, 20), At(130, 110, 22), At(130, 110, 20), At(130, 110, 22 + SoakVerdict.HeapSlackMiB + 0.5)], 1).Held);
        Assert.True(SoakVerdict.Judge([At(130, 110, 20), At(130, 112, 20), At(130, 110, 20), At(130, 112 + SoakVerdict.RssSlackMiB, 20)], 1).Held);
    }

    [Fact]
    public void NoFootprint_IsNoVerdict() => Assert.Throws<ArgumentException>(() => SoakVerdict.Judge([], 1));

    private static HarnessFootprint At(int fds, double rssMiB, double heapMiB) => new(fds, rssMiB, heapMiB, 20);
}
