using System.Globalization;
using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

/// <summary>
/// HTTP/1.0 short connections against keep-alive, like with like: at one offered rate (http10-short, http11-keepalive) and
/// with the same workers flat out (http10-saturate, http11-saturate), each pair run for real.
/// </summary>
public sealed class KeepAliveComparisonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task AtOneOfferedRate_ThroughputIsCompared_AndServerCpuPerRequest_MatchesTheTestsOwnProcReading()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("compare", "http10-short", "http11-keepalive", "--out", reports.Path);
        ProcessResult result;
        var watch = ServerCpuWatch.Start(run.Pid);
        await using (watch)
        {
            result = await run.WaitAsync(Timeout);
        }

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
        var json = doc.RootElement;
        Assert.Equal("keep-alive", json.GetProperty("story").GetString());
        var verdict = json.GetProperty("verdict");
        Assert.StartsWith("At the same offered load (500 requests/s), keep-alive served", verdict.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var reasons = verdict.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("Throughput at the same offered 500 requests/s:", StringComparison.Ordinal));
        Assert.DoesNotContain(reasons, r => r.Contains("not compared", StringComparison.Ordinal));

        var figures = json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var throughput = figures["throughput"];
        var cpu = figures["server CPU per 1,000 requests"];
        foreach (var side in new[] { "a", "b" })
        {
            var runDir = Path.Combine(dir, json.GetProperty(side).GetProperty("directory").GetString()!);
            var summary = RunDirectoryReader.Summary(runDir);
            var client = summary.GetProperty("client");
            Assert.Equal(Math.Round(client.GetProperty("throughputRps").GetDouble(), 1), throughput.GetProperty(side).GetDouble());

            // The product's figure, in summary.json and compare.json alike.
            var serverCpu = summary.GetProperty("serverCpu");
            var perThousand = serverCpu.GetProperty("msPerThousandRequests").GetDouble();
            Assert.Equal(perThousand, cpu.GetProperty(side).GetDouble());
            Assert.Contains("Server CPU", File.ReadAllText(Path.Combine(runDir, "report.md")), StringComparison.Ordinal);

            // The oracle: the test's own /proc/PID/stat readings of that run's server, over the load as summary.json times
            // it (startedAt + phases), against the product's window from the last baseline sample to the first after the
            // stop. The product's window reaches up to a sample interval (100 ms, more on a busy machine) past each end, where
            // the server is idle or finishing requests in flight, and ticks are 10 ms: within 20% and 0.1 CPU s.
            var startedAt = summary.GetProperty("startedAt").GetDateTimeOffset();
            var phases = summary.GetProperty("phases");
            var (oracle, slack, readings) = watch.CpuBetween(
                summary.GetProperty("target").GetProperty("pid").GetInt32(),
                startedAt.AddSeconds(phases.GetProperty("loadStartSeconds").GetDouble()),
                startedAt.AddSeconds(phases.GetProperty("loadStopSeconds").GetDouble()));
            var measured = serverCpu.GetProperty("cpuSeconds").GetDouble();
            Assert.True(oracle > 0, $"{side}: the test saw no server CPU over the load");
            Assert.True(Math.Abs(measured - oracle) <= 0.2 * oracle + 0.1,
                $"{side}: the product says {measured} CPU s, the test read {oracle} CPU s from /proc (its readings {slack:0.000} s outside the load {startedAt:HH:mm:ss.fff} + {phases}: {readings})");
            var requests = client.GetProperty("requestsOk").GetInt64();
            Assert.Equal(Math.Round(measured * 1e6 / requests, 1), perThousand);
        }

        Assert.Contains("| server CPU per 1,000 requests |", File.ReadAllText(Path.Combine(dir, "compare.md")), StringComparison.Ordinal);
        Assert.Contains("server CPU per 1,000 requests", File.ReadAllText(Path.Combine(dir, "compare.html")), StringComparison.Ordinal);
        Assert.Contains("Server CPU per 1,000 requests:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheSameWorkersFlatOut_TheComparisonSaysWhichCarriedMoreAndByHowMuch_AsBothSummariesHaveIt()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(Timeout, "compare", "http10-saturate", "http11-saturate", "--out", reports.Path);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
        var json = doc.RootElement;
        JsonElement Summary(string side) => RunDirectoryReader.Summary(Path.Combine(dir, json.GetProperty(side).GetProperty("directory").GetString()!));
        var (a, b) = (Summary("a"), Summary("b"));
        double Rps(JsonElement s) => s.GetProperty("client").GetProperty("throughputRps").GetDouble();
        double Cpu(JsonElement s) => s.GetProperty("serverCpu").GetProperty("msPerThousandRequests").GetDouble();

        Assert.Equal(16, a.GetProperty("load").GetProperty("concurrency").GetInt32());
        Assert.Equal(16, b.GetProperty("load").GetProperty("concurrency").GetInt32());
        var headline = json.GetProperty("verdict").GetProperty("headline").GetString()!;
        var expected = string.Create(CultureInfo.InvariantCulture,
            $"With the same 16 workers back to back, keep-alive carried {Rps(b) / Rps(a):0.#}× the requests/s of short connections ({Rps(b):#,0} against {Rps(a):#,0})");
        Assert.StartsWith(expected, headline, StringComparison.Ordinal);

        var figures = json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var throughput = figures["throughput"];
        Assert.Equal(Rps(b) > Rps(a) ? "b" : "a", throughput.GetProperty("better").GetString());
        var cpu = figures["server CPU per 1,000 requests"];
        Assert.Equal((Cpu(a), Cpu(b)), (cpu.GetProperty("a").GetDouble(), cpu.GetProperty("b").GetDouble()));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Cpu(b):#,0.#} ms instead of {Cpu(a):#,0.#} ms per 1,000 requests"), headline, StringComparison.Ordinal);
    }
}
