using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Models;

namespace LoadRepro.Tests.Load;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void ConstantRate_SpacesArrivalsEvenly_WithoutDrift()
    {
        var s = new ArrivalSchedule(500, []);
        double last = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            last = s.Next();
        }

        Assert.Equal(999_999 / 500.0, last, 9);
        Assert.Equal(0.002, s.Interval, 12);
    }

    [Fact]
    public void Ramp_StartsAsManyArrivalsAsTheAreaUnderTheRate()
    {
        // 100/s → 300/s over 2 s (400 arrivals), then 300/s for 1 s (300 arrivals).
        var s = new ArrivalSchedule(100, [new RateStage { Duration = TimeSpan.FromSeconds(2), Rate = 300 }, new RateStage { Duration = TimeSpan.FromSeconds(1), Rate = 300 }]);
        var times = new List<double>();
        for (var t = s.Next(); !double.IsPositiveInfinity(t); t = s.Next())
        {
            times.Add(t);
        }

        Assert.InRange(times.Count, 698, 702);
        Assert.InRange(times.Count(t => t < 2), 398, 402);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "arrival times must increase");
        Assert.InRange(times[^1], 2.99, 3.0);
    }

    [Fact]
    public void RampDown_SlowsArrivals()
    {
        var s = new ArrivalSchedule(1000, [new RateStage { Duration = TimeSpan.FromSeconds(1), Rate = 10 }]);
        var times = new List<double>();
        for (var t = s.Next(); !double.IsPositiveInfinity(t); t = s.Next())
        {
            times.Add(t);
        }

        // The area of 1000 → 10 over 1 s is 505.
        Assert.InRange(times.Count, 495, 515);
        Assert.True(times[1] - times[0] < times[^1] - times[^2]);
    }
}
