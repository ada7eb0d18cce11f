using System.Net;
using System.Net.Sockets;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

/// <summary>Files and a held port that the bad-input rows point at; created once for the table.</summary>
public sealed class BadInputFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Socket _holder = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public BadInputFixture()
    {
        Write("malformed.yaml", "name: broken\nload: { rate: 500\nserver: [\n");
        Write("unknown-key.yaml", "name: typo\nload:\n  rate: 500\n  durration: 5s\n");
        Write("wrong-type.yaml", "name: x\nload:\n  rate: fast\n");
        Write("negative-rate.yaml", "name: x\nload:\n  rate: -5\n");
        Write("absurd-rate.yaml", "name: x\nload:\n  rate: 99999999\n");
        Write("long-duration.yaml", "name: x\nload:\n  duration: 2h\n");
        Write("bad-bug.yaml", "name: x\nserver:\n  bug: explode\n");
        Write("bad-keepalive.yaml", "name: x\nserver:\n  keepAlive: sometimes\n");
        Write("empty.yaml", "");
        Write("list.yaml", "- a\n- b\n");
        Write("fast-sample.yaml", "name: x\nsample:\n  interval: 1ms\n");
        Write("scalar-load.yaml", "name: x\nload: 5\n");
        Write("huge-fds.yaml", "name: x\nserver:\n  maxFds: 100000\n");
        Write("tiny-fds.yaml", "name: x\nserver:\n  maxFds: 120\n");
        Write("bad-method.yaml", "name: x\nload:\n  request: { method: FETCH, path: /a }\n");
        Write("header-no-colon.yaml", "name: x\nload:\n  request:\n    headers: [\"X-Token abc\"]\n");
        Write("no-body-file.yaml", "name: x\nload:\n  request: { method: POST, path: /upload, bodyFile: missing.json }\n");
        Write("zero-weight.yaml", "name: x\nload:\n  requests:\n    - { weight: 9, path: /health }\n    - { weight: 0, path: /upload }\n");
        Write("negative-weight.yaml", "name: x\nload:\n  requests:\n    - { weight: -1, path: /health }\n");
        Write("request-and-requests.yaml", "name: x\nload:\n  request: { path: /a }\n  requests:\n    - { path: /b }\n");
        Write("bug-path-on-http.yaml", "name: x\nserver:\n  bug: leak-file\n  bugPath: /upload\n");
        Write("half-close-tls.yaml", "name: x\nserver:\n  tls: true\nload:\n  connection: half-close\n");
        Write("bad-tls.yaml", "name: x\nserver:\n  tls: maybe\n");
        File.WriteAllBytes(Path.Combine(_folder.Path, "binary.yaml"), [0xFF, 0xFE, 0x00, 0x10, 0x80, 0x9F, 0x3A, 0x7B, 0x5B, 0x00, 0xC3]);
        File.WriteAllText(Path.Combine(_folder.Path, "a-file"), "not a folder");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "a-folder.yaml"));
        _holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _holder.Listen();
    }

    public string Folder => _folder.Path;

    public string BusyPort => ((IPEndPoint)_holder.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _holder.Dispose();
        _folder.Dispose();
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_folder.Path, name), content);
}

/// <summary>
/// Bad input over the real CLI, one row each: one line on stderr naming the problem, the documented exit code, no
/// stack trace, no run directory left, and no server child left running.
/// </summary>
public sealed class BadInputTable : IClassFixture<BadInputFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly BadInputFixture _files;

    public BadInputTable(BadInputFixture files) => _files = files;

    // {dir}: the fixture's folder; {out}: a fresh reports folder that must stay empty; {busy}: a port held open.
    public static TheoryData<string, int, string> Rows => new()
    {
        { "frobnicate", 2, "'frobnicate'" },
        { "list extra", 2, "'extra'" },
        { "run", 2, "Required argument missing" },
        { "run no-such-scenario --out {out}", 2, "unknown scenario 'no-such-scenario'" },
        { "run close-wait-fixed --frob", 2, "'--frob'" },
        { "run close-wait-fixed --rate abc", 2, "--rate: 'abc' is not a whole number" },
        { "run close-wait-fixed --rate -5", 2, "--rate: -5 is out of range" },
        { "run close-wait-fixed --rate 0", 2, "--rate: 0 is out of range" },
        { "run close-wait-fixed --rate 99999999", 2, "--rate: 99999999 is out of range" },
        { "run close-wait-fixed --rate 5 --rate 6", 2, "'--rate' expects a single argument" },
        { "run close-wait-fixed --rate 5 --concurrency 5", 2, "give one of them" },
        { "run close-wait-fixed --concurrency 0", 2, "--concurrency: 0 is out of range" },
        { "run close-wait-fixed --duration soon", 2, "--duration: 'soon' is not a duration" },
        { "run close-wait-fixed --duration -1s", 2, "--duration: '-1s' is not a duration" },
        { "run close-wait-fixed --duration 0s", 2, "--duration: 0s is out of range" },
        { "run close-wait-fixed --duration 999h", 2, "--duration: 999h is out of range" },
        { "run close-wait-fixed --drain 1h", 2, "--drain: 1h is out of range" },
        { "run close-wait-fixed --port 70000", 2, "--port: 70000 is out of range" },
        { "run close-wait-fixed --port abc", 2, "--port: 'abc' is not a whole number" },
        { "run close-wait-fixed --max-fds 10", 2, "--max-fds: 10 is out of range" },
        { "run close-wait-fixed --max-fds 150 --out {out}", 2, "--max-fds 150 is below what the test server needs to start" },
        { "run close-wait-fixed --max-fds 100000 --out {out}", 2, "--max-fds 100000 is above the hard limit" },
        { "run close-wait-fixed --duration 1s --port {busy} --out {out}", 3, "is busy" },
        { "run close-wait-fixed --duration 1s --out {dir}/a-file/reports", 2, "cannot write reports to" },
        { "run close-wait-fixed --duration 1s --out /proc/loadrepro-reports", 2, "cannot write reports to /proc/loadrepro-reports" },
        { "run {dir}/no-such.yaml", 2, "no-such.yaml: no such scenario file" },
        { "run {dir}/a-folder.yaml", 2, "a-folder.yaml: no such scenario file" },
        { "run {dir}/malformed.yaml --out {out}", 2, "malformed YAML" },
        { "run {dir}/unknown-key.yaml --out {out}", 2, "unknown-key.yaml:4: load.durration: unknown key" },
        { "run {dir}/wrong-type.yaml --out {out}", 2, "wrong-type.yaml:3: load.rate: expected a whole number, got 'fast'" },
        { "run {dir}/negative-rate.yaml --out {out}", 2, "negative-rate.yaml:3: load.rate: -5 is out of range" },
        { "run {dir}/absurd-rate.yaml --out {out}", 2, "absurd-rate.yaml:3: load.rate: 99999999 is out of range" },
        { "run {dir}/long-duration.yaml --out {out}", 2, "long-duration.yaml:3: load.duration: 2h is out of range" },
        { "run {dir}/bad-bug.yaml --out {out}", 2, "bad-bug.yaml:3: server.bug: 'explode' is not one of" },
        { "run {dir}/bad-keepalive.yaml --out {out}", 2, "bad-keepalive.yaml:3: server.keepAlive: 'sometimes' is not a keep-alive mode" },
        { "run {dir}/empty.yaml --out {out}", 2, "empty.yaml:1: expected a mapping" },
        { "run {dir}/list.yaml --out {out}", 2, "list.yaml:1: expected a mapping" },
        { "run {dir}/binary.yaml --out {out}", 2, "binary.yaml:" },
        { "run {dir}/fast-sample.yaml --out {out}", 2, "fast-sample.yaml:3: sample.interval: 1ms is out of range" },
        { "run {dir}/scalar-load.yaml --out {out}", 2, "scalar-load.yaml:2: load: expected a mapping" },
        { "run {dir}/huge-fds.yaml --out {out}", 2, "--max-fds 100000 is above the hard limit" },
        { "run {dir}/tiny-fds.yaml --out {out}", 2, "--max-fds 120 is below what the test server needs to start" },
        { "run {dir}/bad-method.yaml --out {out}", 2, "bad-method.yaml:3: load.request.method: 'FETCH' is not a method the load sends (GET, POST, PUT, PATCH, DELETE, OPTIONS)" },
        { "run {dir}/header-no-colon.yaml --out {out}", 2, "header-no-colon.yaml:4: load.request.headers[0]: 'X-Token abc' is not a header: expected 'Name: value'" },
        { "run {dir}/no-body-file.yaml --out {out}", 2, "no-body-file.yaml:3: load.request.bodyFile: 'missing.json' does not exist (looked for {dir}/missing.json" },
        { "run {dir}/zero-weight.yaml --out {out}", 2, "zero-weight.yaml:5: load.requests[1].weight: 0 is out of range (1 to 1000)" },
        { "run {dir}/negative-weight.yaml --out {out}", 2, "negative-weight.yaml:4: load.requests[0].weight: -1 is out of range (1 to 1000)" },
        { "run {dir}/request-and-requests.yaml --out {out}", 2, "request-and-requests.yaml:5: load.requests: give either request (one kind) or requests (a weighted mix), not both" },
        { "run {dir}/bug-path-on-http.yaml --out {out}", 2, "bug-path-on-http.yaml:4: server.bugPath: a bug path applies to ignore-peer-fin and slow-close, not to leak-file" },
        { "run {dir}/half-close-tls.yaml --out {out}", 2, "half-close-tls.yaml:5: load.connection: half-close cannot run over TLS" },
        { "run {dir}/bad-tls.yaml --out {out}", 2, "bad-tls.yaml:3: server.tls:" },
        { "run close-wait-fixed --insecure --out {out}", 2, "--insecure applies to an https:// --target only" },
        { "run close-wait-fixed --target ftp://127.0.0.1:21/ --out {out}", 2, "is not an http:// or https:// URL" },
        { "run http10-short@no-such-profile --out {out}", 2, "unknown sysctl profile 'no-such-profile'" },
        { "run http10-short@blog-advice --profile tw-reuse-0 --out {out}", 2, "the profile is named twice ('@blog-advice' and --profile tw-reuse-0)" },
        { "compare http10-short@no-such-profile http10-short@blog-advice --out {out}", 2, "unknown sysctl profile 'no-such-profile' (known: blog-advice," },
        { "compare no-such-scenario@blog-advice http10-short --out {out}", 2, "unknown scenario 'no-such-scenario'" },
        { "compare close-wait-fixed --target http://127.0.0.1:9/ --server-cmd-a true --out {out}", 2, "--server-cmd-a needs --server-cmd-b" },
        { "compare close-wait-fixed --target http://127.0.0.1:9/ --server-cmd-b true --out {out}", 2, "--server-cmd-b needs --server-cmd-a" },
        { "compare close-wait-leak close-wait-fixed --target http://127.0.0.1:9/ --server-cmd-a true --server-cmd-b true --out {out}", 2, "compare two builds under one load: give one scenario" },
        { "compare close-wait-fixed --target http://192.0.2.10:8080/ --allow-remote-target --server-cmd-a true --server-cmd-b true --out {out}", 2, "--server-cmd-a starts your server on this host, but --target names 192.0.2.10" },
        { "compare close-wait-fixed --target http://127.0.0.1:9/ --server-cmd true --server-cmd-a true --server-cmd-b true --out {out}", 2, "--server-cmd starts one server for both runs, --server-cmd-a/--server-cmd-b one build for each" },
        { "compare close-wait-fixed --server-cmd-a true --server-cmd-b true --out {out}", 2, "--server-cmd-a needs --target" },
        { "compare close-wait-fixed --target http://127.0.0.1:9/ --target-pid 1 --server-cmd-a true --server-cmd-b true --out {out}", 2, "--server-cmd-a starts the server and finds its processes itself: drop --target-pid" },
        { "compare close-wait-leak close-wait-fixed --server-cmd true --out {out}", 2, "--server-cmd needs --target" },
        { "compare --suite fixes --target http://127.0.0.1:9/ --out {out}", 2, "--suite compares the embedded test server's pairs" },
        { "run close-wait-fixed --agent http://127.0.0.1:9 --out {out}", 2, "--agent needs --target" },
        { "run close-wait-fixed --target http://127.0.0.1:9/ --target-pid 1 --agent http://127.0.0.1:9 --out {out}", 2, "--agent samples the server on its host: drop --target-pid and --server-cmd" },
        { "run close-wait-fixed --target http://127.0.0.1:9/ --server-cmd true --agent http://127.0.0.1:9 --out {out}", 2, "--agent samples the server on its host: drop --target-pid and --server-cmd" },
        { "run close-wait-fixed --lab --target http://127.0.0.1:9/ --agent http://127.0.0.1:9 --out {out}", 2, "--agent samples your server on its own host; the lab" },
        { "run close-wait-fixed --agent-token t --out {out}", 2, "--agent-token is the token of --agent" },
        { "run close-wait-fixed --target http://127.0.0.1:9/ --agent ftp://127.0.0.1:9 --out {out}", 2, "--agent: 'ftp://127.0.0.1:9' is not an http:// URL" },
        { "run close-wait-fixed --target http://127.0.0.1:9/ --agent http://192.0.2.1:9465 --out {out}", 2, "--agent: 192.0.2.1 is not a loopback address" },
        { "run close-wait-fixed --segment 0/3 --out {out}", 2, "--segment: 0/3 is out of range: i counts from 1 to n" },
        { "run close-wait-fixed --segment 4/3 --out {out}", 2, "--segment: 4/3 is out of range: i counts from 1 to n" },
        { "run close-wait-fixed --segment x/y --out {out}", 2, "--segment: 'x/y' is not i/n" },
        { "run close-wait-fixed --concurrency 2 --segment 1/3 --out {out}", 2, "--segment 1/3: the scenario's concurrency of 2 cannot be split into 3 shares" },
        { "run close-wait-fixed --rate 2 --segment 3/3 --out {out}", 2, "--segment 3/3: the scenario's rate of 2 cannot be split into 3 shares without a share of 0 arrivals per second; use at most 2 segments" },
        { "merge", 2, "Required argument missing" },
        { "merge {dir}/no-such-run --out {out}", 2, "no-such-run: no such run directory" },
        { "merge {dir}/a-folder.yaml --out {out}", 2, "a-folder.yaml: no summary.json" },
        { "server --bug nope", 2, "--bug: 'nope' is not a bug mode" },
        { "server --keep-alive sometimes", 2, "--keep-alive: 'sometimes' is not a keep-alive mode" },
        { "server --max-fds 150", 2, "--max-fds 150 is below what the test server needs to start" },
        { "server --max-fds 100000", 2, "--max-fds 100000 is above the hard limit" },
        { "server --port {busy}", 3, "is busy" },
        { "server --bug leak-file --bug-path /upload", 2, "--bug-path: a bug path applies to ignore-peer-fin and slow-close, not to leak-file" },
        { "server --bug ignore-peer-fin --bug-path upload", 2, "--bug-path: 'upload' is not a request path" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadInput_OneLineNamingIt_DocumentedExitCode_NothingLeft(string commandLine, int exitCode, string expected)
    {
        using var output = new TempFolder();
        var args = commandLine.Split(' ')
            .Select(a => a.Replace("{dir}", _files.Folder, StringComparison.Ordinal).Replace("{out}", output.Path, StringComparison.Ordinal).Replace("{busy}", _files.BusyPort, StringComparison.Ordinal))
            .ToArray();
        await using var run = LiveRun.Start(args);
        var exit = await run.WaitForExitAsync(Timeout);

        Assert.True(exit == exitCode, $"exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running)"}, wanted {exitCode}; stderr: {run.Stderr}");
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("loadrepro: ", line, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("{dir}", _files.Folder, StringComparison.Ordinal), line, StringComparison.Ordinal);
        Assert.True(line.LastIndexOf("loadrepro: ", StringComparison.Ordinal) == 0, $"the server child's error was passed on with its prefix: {line}");
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
        Assert.Empty(ServerChildren.Of(run.Pid));
    }
}
