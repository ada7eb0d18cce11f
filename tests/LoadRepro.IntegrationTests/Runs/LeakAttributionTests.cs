using System.Globalization;
using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>
/// Which request leaks, against a server that is not ours (found by <c>--target</c> alone): the test's own server leaves
/// every connection whose first request is POST /upload in CLOSE_WAIT. Oracles: <c>ss</c>'s 4-tuples after the run, and
/// the server's own record of which client port carried which path.
/// </summary>
public sealed class LeakAttributionTests
{
    [Fact]
    public async Task UsersOwnServer_LeakingOnOnePath_TheRunNamesThatPathAndOnlyIt()
    {
        using var reports = new TempFolder();
        await using var server = new RecordingHttpServer(leakPath: "/upload");
        var scenario = Path.Combine(reports.Path, "mix.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: user-mix
            load:
              connection: short
              rate: 200
              duration: 2s
              timeout: 1s
              requests:
                - { weight: 9, path: /health }
                - { weight: 1, method: POST, path: /upload, body: '{"a":1}' }
            sample: { interval: 100ms, drain: 500ms }
            """);

        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(90), "run", scenario, "--target", server.Url, "--out", Path.Combine(reports.Path, "runs"));

        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var leaks = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs"))).GetProperty("leaks");
        var byRequest = leaks.GetProperty("requests").EnumerateArray().ToDictionary(r => r.GetProperty("request").GetString()!);

        // The oracle: the server's CLOSE_WAIT sockets as ss shows them now, by their peer (the client's) port ...
        var closeWaitPorts = (await Ss.PeerPortsAsync("close-wait", $"( sport = :{server.EndPoint.Port} )")).Order().ToList();

        // ... are exactly the client ports whose connection's first request was the upload, by the server's own record.
        var uploadPorts = server.Connections.Where(c => c.FirstPath == "/upload").Select(c => c.ClientPort).Order().ToList();
        Assert.InRange(uploadPorts.Count, 30, 45);
        Assert.Equal(uploadPorts, closeWaitPorts);
        Assert.Equal(closeWaitPorts.Count, byRequest["POST /upload"].GetProperty("closeWait").GetInt32());
        Assert.Equal(0, byRequest["GET /health"].GetProperty("closeWait").GetInt32());
        Assert.Equal(0, byRequest["GET /health"].GetProperty("established").GetInt32());
        Assert.Equal(0, leaks.GetProperty("unmatched").GetInt32());
        Assert.StartsWith(
            string.Create(CultureInfo.InvariantCulture, $"POST /upload: {closeWaitPorts.Count} of {closeWaitPorts.Count} connections left in CLOSE_WAIT; GET /health: 0 of "),
            leaks.GetProperty("summary").GetString(),
            StringComparison.Ordinal);
        Assert.Contains("POST /upload:", result.Stdout, StringComparison.Ordinal);
    }
}
