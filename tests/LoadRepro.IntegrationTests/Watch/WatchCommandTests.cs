using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Reports.Formats;

namespace LoadRepro.IntegrationTests.Watch;

public sealed partial class WatchCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GrowingCloseWait_PrintsProjectionToTheLimit_AndCloseWaitLeakDiagnosis()
    {
        const int limit = 2048;
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--max-fds", limit.ToString(CultureInfo.InvariantCulture));
        using var folder = new TempFolder();
        var csv = Path.Combine(folder.Path, "watch.csv");
        using var stopFeeding = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var feeding = FeedLeakingConnectionsAsync(server, stopFeeding.Token);

        var result = await LoadReproCli.RunAsync(Timeout, "watch", "--pid", Text(server.Pid), "--port", Text(server.Port), "--interval", "200ms", "--duration", "4s", "--csv", csv);
        await stopFeeding.CancelAsync();
        var fed = await feeding;

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        var projection = Projection().Match(result.Stdout);
        Assert.True(projection.Success, $"no projection in: {result.Stdout}");
        var rate = double.Parse(projection.Groups["rate"].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(projection.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(Text(limit), projection.Groups["limit"].Value);
        Assert.InRange(rate, 5, 1000);
        Assert.InRange(seconds, 1, limit / 5.0);
        Assert.Contains("diagnosis close-wait-leak: CLOSE_WAIT rose to", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"watched process {server.Pid} for", result.Stdout, StringComparison.Ordinal);

        // The CSV reads back, and CLOSE_WAIT grew across it, by no more than the connections the test made.
        var samples = CsvSamples.Read(await File.ReadAllTextAsync(csv), csv);
        Assert.True(samples.Count >= 10, $"{samples.Count} samples");
        Assert.True(samples[^1].Tcp.CloseWait > samples[0].Tcp.CloseWait + 10, $"CLOSE_WAIT {samples[0].Tcp.CloseWait} -> {samples[^1].Tcp.CloseWait}");
        Assert.True(samples[^1].Tcp.CloseWait <= fed);
        Assert.All(samples, s => Assert.Equal(limit, s.FdLimit));
    }

    [Fact]
    public async Task ProcessExitsMidWatch_SaysSo_AndStops()
    {
        using var sleeper = Process.Start("sleep", "2");
        var watch = Stopwatch.StartNew();
        var result = await LoadReproCli.RunAsync(Timeout, "watch", "--pid", Text(sleeper.Id), "--interval", "100ms", "--duration", "40s");
        watch.Stop();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"process {sleeper.Id} exited after", result.Stdout, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"watch went on for {watch.Elapsed.TotalSeconds:0} s after the process exited");
    }

    [Fact]
    public async Task Interrupted_SaysSo_WritesTheCsv_Exit130()
    {
        using var folder = new TempFolder();
        var csv = Path.Combine(folder.Path, "watch.csv");
        using var watch = Process.Start(LoadReproCli.StartInfo(["watch", "--pid", Text(Environment.ProcessId), "--interval", "100ms", "--duration", "60s", "--csv", csv]))!;
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            var firstLine = await watch.StandardOutput.ReadLineAsync(cts.Token);
            Assert.NotNull(firstLine);
            Assert.True(LoadRepro.Core.Platform.Linux.Signal(watch.Id, LoadRepro.Core.Platform.Linux.SigTerm));
            var rest = await watch.StandardOutput.ReadToEndAsync(cts.Token);
            await watch.WaitForExitAsync(cts.Token);

            Assert.Equal(130, watch.ExitCode);
            Assert.Contains("stopped by interruption after", rest, StringComparison.Ordinal);
            var samples = CsvSamples.Read(await File.ReadAllTextAsync(csv, cts.Token), csv);
            Assert.NotEmpty(samples);
            Assert.All(samples, s => Assert.True(s.Alive && s.Fds > 0));
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill();
            }
        }
    }

    [Fact]
    public async Task NoSuchProcess_OneLine_Exit2()
    {
        var pidMax = int.Parse((await File.ReadAllTextAsync("/proc/sys/kernel/pid_max")).Trim(), CultureInfo.InvariantCulture);
        var pid = Enumerable.Range(0, 1000).Select(i => pidMax - 1 - i).First(p => !Directory.Exists($"/proc/{p}"));
        var result = await LoadReproCli.RunAsync(Timeout, "watch", "--pid", Text(pid));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"loadrepro: no process with PID {pid}"], result.StderrLines);
    }

    private static async Task<int> FeedLeakingConnectionsAsync(TestServerProcess server, CancellationToken ct)
    {
        // One request a connection, then the client closes; the server ignores the FIN, so each leaves a CLOSE_WAIT. Bounded: at most 600.
        var made = 0;
        try
        {
            while (made < 600)
            {
                var (socket, _) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port));
                socket.Dispose();
                made++;
                await Task.Delay(20, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return made;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"grow by (?<rate>[0-9.]+)/s: at this rate the limit of (?<limit>\d+) descriptors is reached in about (?<seconds>\d+) s")]
    private static partial Regex Projection();
}
