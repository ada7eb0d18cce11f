using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// Measures <see cref="ServerCpu"/> from a run's samples. Each sample's CPU percent covers the interval since the sample
/// before it (the sampler's difference of /proc/PID/stat utime + stime), so the CPU seconds of the load window are the sum,
/// over the samples after the last baseline sample up to and including the first one at or after the load stopped, of
/// percent ÷ 100 × the seconds since the previous sample. The window includes the baseline-to-start gap and the stop-to-sample
/// gap (at most one interval each), when the server is idle or finishing requests in flight.
/// </summary>
public static class ServerCpuWindow
{
    /// <summary>The server's CPU over the load of a run with <paramref name="samples"/>, per <paramref name="requestsOk"/> answered.</summary>
    public static ServerCpu Measure(IReadOnlyList<Sample> samples, PhaseTimes phases, long requestsOk)
    {
        var first = LastIndex(samples, s => s.Phase == SamplePhase.Baseline && s.Alive);
        if (first < 0)
        {
            return ServerCpu.Missing("no sample of the server before the load", requestsOk);
        }

        var last = -1;
        for (var i = first + 1; i < samples.Count; i++)
        {
            last = i;
            if (samples[i].Seconds >= phases.LoadStopSeconds)
            {
                break;
            }
        }

        if (last < 0)
        {
            return ServerCpu.Missing("no sample of the server during the load", requestsOk);
        }

        double cpu = 0;
        for (var i = first + 1; i <= last; i++)
        {
            if (!samples[i].Alive)
            {
                return ServerCpu.Missing("the server was not alive through the load", requestsOk);
            }

            cpu += samples[i].CpuPercent / 100 * (samples[i].Seconds - samples[i - 1].Seconds);
        }

        // The figure per 1,000 requests is made from the CPU seconds as recorded, so a reader can redo the division.
        var (seconds, window) = (Math.Round(cpu, 3), Math.Round(samples[last].Seconds - samples[first].Seconds, 3));
        if (requestsOk == 0)
        {
            return ServerCpu.Missing("no request was answered", 0) with { CpuSeconds = seconds, WindowSeconds = window };
        }

        return new ServerCpu
        {
            CpuSeconds = seconds,
            WindowSeconds = window,
            Requests = requestsOk,
            MsPerThousandRequests = Math.Round(seconds * 1e6 / requestsOk, 1),
        };
    }

    private static int LastIndex(IReadOnlyList<Sample> samples, Func<Sample, bool> match)
    {
        for (var i = samples.Count - 1; i >= 0; i--)
        {
            if (match(samples[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
