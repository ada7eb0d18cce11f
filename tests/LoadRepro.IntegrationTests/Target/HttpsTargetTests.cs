using System.Globalization;
using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Target;

/// <summary>
/// <c>run --target https://…</c> against the test's own TLS listener (<see cref="TlsHttpServer"/>), which counts handshakes
/// and SNI names on the server side. Before the load the run makes one probe handshake (TlsProbe: a refused certificate is
/// one line, not a run of failures), so the server counts the run's handshakes plus that one.
/// </summary>
public sealed class HttpsTargetTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private static readonly string Me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Short_OverTls_MakesOneHandshakePerConnection_CountedByTheServer_WithTheUrlsHostAsSni()
    {
        await using var server = new TlsHttpServer();
        using var folder = new TempFolder();
        var scenario = await WriteAsync(folder, "tls-short.yaml",
            "name: tls-short\nload:\n  connection: short\n  rate: 50\n  duration: 2s\n  timeout: 5s\n" +
            "  requests:\n    - { weight: 3, path: /health }\n    - { weight: 1, method: POST, path: /orders, headers: [\"Content-Type: application/json\"], body: '{\"id\":7}' }\n" +
            "sample: { interval: 100ms, drain: 500ms }\n");

        var client = await RunAsync(folder, scenario, server, "--insecure");

        var connections = client.GetProperty("connectionsOpened").GetInt64();
        var tls = client.GetProperty("tls");
        Assert.Equal(0, client.GetProperty("requestsFailed").GetInt64());
        Assert.True(client.GetProperty("requestsOk").GetInt64() >= 50, $"only {client.GetProperty("requestsOk")} requests answered");
        Assert.Equal(client.GetProperty("requestsOk").GetInt64(), connections);
        Assert.Equal(connections, tls.GetProperty("handshakes").GetInt64());
        Assert.Equal(connections + 1, server.Handshakes);
        Assert.Equal(connections + 2, server.Connections);
        Assert.Equal(1, server.FailedHandshakes); // the plain connect that checks the target listens
        Assert.Equal(client.GetProperty("requestsOk").GetInt64(), server.Requests);
        Assert.Equal(new Dictionary<string, long> { ["localhost"] = connections + 1 }, server.ServerNames);
        Assert.True(tls.GetProperty("handshakeCpuSeconds").GetDouble() > 0, "no handshake CPU measured");
        Assert.InRange(tls.GetProperty("handshakeCpuPercent").GetDouble(), 0.1, 100);
        var post = client.GetProperty("requests").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "POST /orders");
        Assert.True(post.GetProperty("requestsOk").GetInt64() > 0, "no POST with a body went over TLS");
    }

    [Fact]
    public async Task KeepAlive_OverTls_MakesOneHandshakePerPooledConnection_CountedByTheServer()
    {
        await using var server = new TlsHttpServer();
        using var folder = new TempFolder();
        var scenario = await WriteAsync(folder, "tls-keepalive.yaml",
            "name: tls-keepalive\nload: { connection: keep-alive, model: concurrency, concurrency: 4, duration: 2s, maxRequests: 2000, timeout: 5s }\n" +
            "sample: { interval: 100ms, drain: 500ms }\n");

        var client = await RunAsync(folder, scenario, server, "--insecure");

        Assert.Equal(0, client.GetProperty("requestsFailed").GetInt64());
        Assert.True(client.GetProperty("requestsOk").GetInt64() > 4, "the pool's connections were not reused");
        Assert.Equal(4, client.GetProperty("connectionsOpened").GetInt64());
        Assert.Equal(4, client.GetProperty("tls").GetProperty("handshakes").GetInt64());
        Assert.Equal(4 + 1, server.Handshakes);
        Assert.Equal(4 + 2, server.Connections);
        Assert.Equal(client.GetProperty("requestsOk").GetInt64(), server.Requests);
        Assert.Equal(new Dictionary<string, long> { ["localhost"] = 5 }, server.ServerNames);
    }

    [Fact]
    public async Task UntrustedCertificate_WithoutInsecure_IsOneLine_Exit3_AndNoLoad()
    {
        await using var server = new TlsHttpServer();
        using var folder = new TempFolder();
        var scenario = await WriteAsync(folder, "tls-refused.yaml", "name: tls-refused\nload: { connection: short, rate: 50, duration: 2s }\n");

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"https://localhost:{server.EndPoint.Port}/", "--target-pid", Me,
            "--out", Path.Combine(folder.Path, "runs"));

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("certificate of localhost", line, StringComparison.Ordinal);
        Assert.Contains("does not validate", line, StringComparison.Ordinal);
        Assert.Contains("--insecure", line, StringComparison.Ordinal);
        // The client checks the certificate once the TLS library has finished the handshake, so the server may count it
        // complete; what matters is that no request followed and no load began.
        Assert.InRange(server.Handshakes, 0, 1);
        Assert.Equal(0, server.Requests);
        Assert.Equal(2, server.Connections);
        Assert.Empty(Directory.Exists(Path.Combine(folder.Path, "runs")) ? Directory.GetDirectories(Path.Combine(folder.Path, "runs")) : []);
    }

    [Fact]
    public async Task HalfClose_OverTls_IsRefused_OneLine_Exit2()
    {
        await using var server = new TlsHttpServer();
        using var folder = new TempFolder();
        var scenario = await WriteAsync(folder, "tls-half.yaml", "name: tls-half\nload: { connection: half-close, rate: 50, duration: 1s }\n");

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"https://localhost:{server.EndPoint.Port}/", "--target-pid", Me, "--insecure");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("half-close cannot run over TLS", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    private static async Task<string> WriteAsync(TempFolder folder, string name, string yaml)
    {
        var path = Path.Combine(folder.Path, name);
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private static async Task<JsonElement> RunAsync(TempFolder folder, string scenario, TlsHttpServer server, params string[] extra)
    {
        var runs = Path.Combine(folder.Path, "runs");
        var result = await LoadReproCli.RunAsync(RunTimeout, ["run", scenario, "--target", $"https://localhost:{server.EndPoint.Port}/", "--target-pid", Me, "--out", runs, .. extra]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Contains("TLS handshakes", result.Stdout, StringComparison.Ordinal);
        var dir = RunDirectoryReader.OnlyRun(runs);
        Assert.Contains("TLS handshakes", await File.ReadAllTextAsync(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        Assert.Contains("TLS handshakes", await File.ReadAllTextAsync(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        Assert.Equal($"https://localhost:{server.EndPoint.Port}/", RunDirectoryReader.Summary(dir).GetProperty("target").GetProperty("url").GetString());
        return RunDirectoryReader.Summary(dir).GetProperty("client");
    }
}
