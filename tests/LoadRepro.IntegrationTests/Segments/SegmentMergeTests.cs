using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Load.Metrics;

namespace LoadRepro.IntegrationTests.Segments;

/// <summary>
/// Issue 14, item 4 (load split): three load namespaces, each a host of its own, run one segment each of one scenario against
/// one embedded server in a server namespace (a bridge joins them on 198.18.0.0/24), then <c>merge</c> joins the three run
/// directories. The load is bounded by maxRequests, so the whole is exact: the merged run counts the scenario's maxRequests,
/// and its histogram (<c>latency.hlog</c>) counts what the three segments' histograms count together.
/// </summary>
public sealed partial class SegmentMergeTests : IDisposable
{
    private const string ServerAddress = "198.18.0.1";
    private const int MaxRequests = 450;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TestNamespace _server = new("lrseg-srv");
    private readonly TestNamespace[] _loads = [new("lrseg-l1"), new("lrseg-l2"), new("lrseg-l3")];
    private readonly TempFolder _folder = new();
    private Process? _serverProcess;

    public SegmentMergeTests()
    {
        Ip.Run("-n", _server.Name, "link", "add", "br0", "type", "bridge");
        Ip.Run("-n", _server.Name, "addr", "add", $"{ServerAddress}/24", "dev", "br0");
        Ip.Run("-n", _server.Name, "link", "set", "br0", "up");
        for (var i = 0; i < _loads.Length; i++)
        {
            // Both ends made inside the namespaces: nothing appears on the host, and deleting a namespace deletes its end.
            Ip.Run("-n", _server.Name, "link", "add", $"vs{i}", "type", "veth", "peer", "name", "vl", "netns", _loads[i].Name);
            Ip.Run("-n", _server.Name, "link", "set", $"vs{i}", "master", "br0", "up");
            Ip.Run("-n", _loads[i].Name, "addr", "add", $"198.18.0.{11 + i}/24", "dev", "vl");
            Ip.Run("-n", _loads[i].Name, "link", "set", "vl", "up");
        }

        File.WriteAllText(ScenarioFile, $$"""
            name: split-load
            description: A short-connection load bounded by its request count, split across hosts.
            load: { connection: short, http: "1.1", model: rate, rate: 150, duration: 8s, maxRequests: {{MaxRequests}}, timeout: 3s }
            sample: { interval: 100ms, drain: 1s }
            expect: { minSuccessRatio: 0.99 }
            """);
    }

    private string ScenarioFile => Path.Combine(_folder.Path, "split-load.yaml");

    [Fact]
    public async Task ThreeSegmentsFromThreeNamespaces_MergeIntoTheWholeLoad_WithOneHistogramOfEveryRequest()
    {
        var (pid, port) = await StartServerAsync();
        var url = $"http://{ServerAddress}:{port}/";
        var results = await Task.WhenAll(_loads.Select((ns, i) => LoadReproCli.RunInNamespaceAsync(ns.Name, Timeout,
            "run", ScenarioFile, "--segment", $"{i + 1}/3", "--target", url, "--allow-remote-target", "--target-pid", Text(pid), "--out", Out(i))));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].ExitCode == 0, $"segment {i + 1}/3 exited {results[i].ExitCode}: {results[i].Stdout} {results[i].Stderr}");
        }

        var segments = Enumerable.Range(0, 3).Select(i => Assert.Single(Directory.GetDirectories(Out(i)))).ToList();
        var shares = segments.Select(d => Summary(d).GetProperty("segment").GetProperty("share").GetProperty("maxRequests").GetInt32()).ToList();
        Assert.Equal([150, 150, 150], shares);
        var segmentRequests = segments.Select(Requests).ToList();
        Assert.Equal(shares.Select(s => (long)s), segmentRequests);

        var merge = await LoadReproCli.RunAsync(Timeout, ["merge", .. segments, "--out", Out(9)]);

        Assert.True(merge.ExitCode == 0, $"merge exited {merge.ExitCode}: {merge.Stdout} {merge.Stderr}");
        Assert.Empty(merge.StderrLines);
        var merged = Assert.Single(Directory.GetDirectories(Out(9)));
        var summary = Summary(merged);

        // Tolerance: none. Each segment stops at its share of maxRequests (every one started within the 8 s the scenario allows).
        Assert.Equal(MaxRequests, Requests(merged));
        Assert.Equal(MaxRequests, summary.GetProperty("load").GetProperty("maxRequests").GetInt32());
        Assert.Equal(150, summary.GetProperty("load").GetProperty("rate").GetInt32());
        Assert.False(summary.GetProperty("merged").GetProperty("partial").GetBoolean());
        var histograms = segments.Select(d => LatencyLog.Read(Path.Combine(d, LatencyLog.Name)).All.TotalCount).ToList();
        var mergedHistogram = LatencyLog.Read(Path.Combine(merged, LatencyLog.Name)).All.TotalCount;
        Assert.Equal(histograms.Sum(), mergedHistogram);
        Assert.Equal(summary.GetProperty("client").GetProperty("requestsOk").GetInt64(), mergedHistogram);
        Assert.Equal(segments.Sum(d => Summary(d).GetProperty("client").GetProperty("requestsOk").GetInt64()), mergedHistogram);

        // client.csv: every request started in some second of the merged series, and the server series is one segment's.
        var started = File.ReadAllLines(Path.Combine(merged, "client.csv")).Skip(1).Sum(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        Assert.Equal(MaxRequests, started);
        Assert.True(File.ReadAllLines(Path.Combine(merged, "samples.csv")).Length > 10, "the merged run has no server samples");
        foreach (var report in new[] { "report.md", "report.html", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(merged, report)), $"no {report} in the merged run");
        }

        // Two of three: merged with a warning that the load is partial.
        var partial = await LoadReproCli.RunAsync(Timeout, "merge", segments[0], segments[2], "--out", Out(8));
        Assert.True(partial.ExitCode is 0 or 1, $"partial merge exited {partial.ExitCode}: {partial.Stderr}");
        Assert.Contains("warning: segment 2/3 missing: the merged run holds 2 of 3 shares of the load (partial)", Assert.Single(partial.StderrLines), StringComparison.Ordinal);
        var partialRun = Assert.Single(Directory.GetDirectories(Out(8)));
        Assert.True(Summary(partialRun).GetProperty("merged").GetProperty("partial").GetBoolean());
        Assert.Equal(segmentRequests[0] + segmentRequests[2], Requests(partialRun));

        // The same segment twice (a copy of segment 1): refused in one line, exit 2, nothing written.
        var copy = Path.Combine(_folder.Path, "copy-of-segment-1");
        CopyDirectory(segments[0], copy);
        var overlap = await LoadReproCli.RunAsync(Timeout, "merge", segments[0], copy, segments[1], "--out", Out(7));
        Assert.Equal(2, overlap.ExitCode);
        Assert.Contains("are both segment 1/3: their loads overlap", Assert.Single(overlap.StderrLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out(7)) && Directory.EnumerateFileSystemEntries(Out(7)).Any(), "a refused merge wrote a run directory");
    }

    public void Dispose()
    {
        if (_serverProcess is { HasExited: false })
        {
            _serverProcess.Kill(entireProcessTree: true);
            _serverProcess.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _serverProcess?.Dispose();
        foreach (var ns in _loads)
        {
            ns.Dispose();
        }

        _server.Dispose();
        _folder.Dispose();
    }

    private async Task<(int Pid, int Port)> StartServerAsync()
    {
        var info = LoadReproCli.InNamespace(_server.Name, LoadReproCli.StartInfo(
            ["server", "--port", "0", "--listen", ServerAddress, "--bug", "none", "--parent-pid", Text(Environment.ProcessId)]));
        _serverProcess = Process.Start(info)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _serverProcess.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            var m = ReadyLine().Match(line);
            if (m.Success)
            {
                // Keep reading its stdout (accept-failure lines) so the server never blocks on a full pipe.
                _ = _serverProcess.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return (int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"the server in {_server.Name} printed no readiness line: {await _serverProcess.StandardError.ReadToEndAsync(cts.Token)}");
    }

    private string Out(int i) => Path.Combine(_folder.Path, $"out-{i}");

    private static JsonElement Summary(string runDirectory) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "summary.json"))).RootElement;

    private static long Requests(string runDirectory)
    {
        var client = Summary(runDirectory).GetProperty("client");
        return client.GetProperty("requestsOk").GetInt64() + client.GetProperty("requestsFailed").GetInt64();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^READY port=(?<port>\d+) pid=(?<pid>\d+)")]
    private static partial Regex ReadyLine();
}
