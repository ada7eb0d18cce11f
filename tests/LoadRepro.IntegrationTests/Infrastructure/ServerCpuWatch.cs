using System.Globalization;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The test's own reading of a run's servers' CPU: every 20 ms, for each <c>loadrepro server</c> the run started (found by its
/// <c>--parent-pid</c>), utime + stime from /proc/PID/stat with the test's UTC clock. A compare starts one server per side,
/// one after the other; each is kept by its PID.
/// </summary>
public sealed class ServerCpuWatch : IAsyncDisposable
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat times.</summary>
    private const double TicksPerSecond = 100;

    private readonly int _runPid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, List<(DateTimeOffset At, long Ticks)>> _readings = [];
    private readonly Task _loop;

    private ServerCpuWatch(int runPid)
    {
        _runPid = runPid;
        _loop = LoopAsync();
    }

    /// <summary>Starts watching the servers of run <paramref name="runPid"/>.</summary>
    public static ServerCpuWatch Start(int runPid) => new(runPid);

    /// <summary>
    /// CPU seconds server <paramref name="pid"/> used between <paramref name="from"/> and <paramref name="to"/>: the last
    /// reading at or before <paramref name="from"/> to the first at or after <paramref name="to"/> (the server must have been
    /// seen on both sides), with how far those readings lie outside the span, in seconds, and the readings in words.
    /// </summary>
    public (double CpuSeconds, double Slack, string Readings) CpuBetween(int pid, DateTimeOffset from, DateTimeOffset to)
    {
        List<(DateTimeOffset At, long Ticks)> series;
        lock (_readings)
        {
            Assert.True(_readings.TryGetValue(pid, out var found), $"the test never saw server {pid}; it saw {string.Join(", ", _readings.Keys)}");
            series = [.. found];
        }

        var before = series.LastOrDefault(r => r.At <= from);
        var after = series.FirstOrDefault(r => r.At >= to);
        Assert.True(before != default && after != default, $"server {pid} was not read on both sides of {from:HH:mm:ss.fff} – {to:HH:mm:ss.fff} ({series.Count} readings)");
        return ((after.Ticks - before.Ticks) / TicksPerSecond, (from - before.At).TotalSeconds + (after.At - to).TotalSeconds,
            string.Create(CultureInfo.InvariantCulture, $"{series.Count} readings from {series[0].At:HH:mm:ss.fff} ({series[0].Ticks} ticks) to {series[^1].At:HH:mm:ss.fff} ({series[^1].Ticks}); over the load {before.Ticks} → {after.Ticks}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        // Finding servers walks all of /proc: every 200 ms; reading a known one's stat: every 20 ms.
        var known = new HashSet<int>();
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            if (round % 10 == 0)
            {
                known.UnionWith(ServerChildren.Of(_runPid));
            }

            foreach (var pid in known.ToList())
            {
                if (!TryTicks(pid, out var ticks))
                {
                    known.Remove(pid);
                }
                else
                {
                    lock (_readings)
                    {
                        if (!_readings.TryGetValue(pid, out var series))
                        {
                            _readings[pid] = series = [];
                        }

                        series.Add((DateTimeOffset.UtcNow, ticks));
                    }
                }
            }

            await Task.Delay(20, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>utime + stime (fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis).</summary>
    private static bool TryTicks(int pid, out long ticks)
    {
        ticks = 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // it exited while we looked
        }
    }
}
