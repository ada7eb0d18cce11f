using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Tests.Diagnosis;

public sealed class ServerCpuWindowTests
{
    private static readonly PhaseTimes Phases = new() { LoadStartSeconds = 0.25, LoadStopSeconds = 1.05 };

    [Fact]
    public void CpuOverTheLoad_IsEachSamplesPercentTimesItsInterval_FromTheLastBaselineToTheFirstSampleAfterTheStop()
    {
        // Baseline at 0.0 and 0.2 (its 90% is before the window), load 0.3-1.0, first drain sample 1.1, then the drain's 70%.
        var samples = new List<Sample>
        {
            new() { Seconds = 0.0, Phase = SamplePhase.Baseline, CpuPercent = 0 },
            new() { Seconds = 0.2, Phase = SamplePhase.Baseline, CpuPercent = 90 },
        };
        samples.AddRange(Enumerable.Range(3, 8).Select(i => new Sample { Seconds = i / 10.0, Phase = SamplePhase.Load, CpuPercent = 50 }));
        samples.Add(new Sample { Seconds = 1.1, Phase = SamplePhase.Drain, CpuPercent = 20 });
        samples.Add(new Sample { Seconds = 1.2, Phase = SamplePhase.Drain, CpuPercent = 70 });

        var cpu = ServerCpuWindow.Measure(samples, Phases, requestsOk: 400);

        // Eight load samples of 50% over 0.1 s each (0.2 → 1.0) and the first drain sample's 20% over 0.1 s: 0.42 CPU s over
        // 0.2 → 1.1 s; per 1,000 requests 0.42 s / 400 × 1,000 = 1,050 ms.
        Assert.Equal(0.42, cpu.CpuSeconds!.Value, 3);
        Assert.Equal(0.9, cpu.WindowSeconds, 3);
        Assert.Equal(1050, cpu.MsPerThousandRequests!.Value, 1);
        Assert.Null(cpu.NotMeasured);
        Assert.Equal("0.42 CPU s over the 0.9 s load window, 1,050 ms per 1,000 requests", cpu.Text());
    }

    [Fact]
    public void AServerThatDiedDuringTheLoad_IsNotMeasured_NeverZero()
    {
        var samples = new List<Sample>
        {
            new() { Seconds = 0.2, Phase = SamplePhase.Baseline },
            new() { Seconds = 0.3, Phase = SamplePhase.Load, CpuPercent = 80 },
            new() { Seconds = 0.4, Phase = SamplePhase.Load, Alive = false },
            new() { Seconds = 1.1, Phase = SamplePhase.Drain, Alive = false },
        };

        var cpu = ServerCpuWindow.Measure(samples, Phases, requestsOk: 10);

        Assert.Null(cpu.CpuSeconds);
        Assert.Null(cpu.MsPerThousandRequests);
        Assert.Equal("not measured (the server was not alive through the load)", cpu.Text());
        Assert.Equal("not measured", cpu.PerThousandText());
    }

    [Fact]
    public void NoSampleOfTheLoad_OrNoRequestAnswered_IsNotMeasured()
    {
        Sample[] baselineOnly = [new() { Seconds = 0.2, Phase = SamplePhase.Baseline }];
        Assert.Equal("no sample of the server during the load", ServerCpuWindow.Measure(baselineOnly, Phases, 10).NotMeasured);
        Assert.Equal("no sample of the server before the load", ServerCpuWindow.Measure([], Phases, 10).NotMeasured);

        Sample[] served = [new() { Seconds = 0.2, Phase = SamplePhase.Baseline }, new() { Seconds = 1.1, Phase = SamplePhase.Drain, CpuPercent = 10 }];
        var none = ServerCpuWindow.Measure(served, Phases, 0);
        Assert.Null(none.MsPerThousandRequests);
        Assert.Equal("no request was answered", none.NotMeasured);
    }
}
