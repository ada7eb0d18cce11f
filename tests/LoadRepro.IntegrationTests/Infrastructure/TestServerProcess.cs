using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>The real test server (<c>loadrepro server</c>) as a child process of the test; killed on dispose.</summary>
public sealed partial class TestServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<string> _stdout = [];

    private TestServerProcess(Process process) => _process = process;

    public int Port { get; private set; }

    /// <summary>The whole readiness line, for the fields after the port (controlPort, outboundPort...).</summary>
    public string Readiness { get; private set; } = "";

    public int Pid => _process.Id;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines the server printed on stdout after its readiness line (its ACCEPT-FAILED lines).</summary>
    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToArray();
            }
        }
    }

    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToArray();
            }
        }
    }

    /// <summary>Starts <c>loadrepro server --port 0 ARGS</c> and waits for its readiness line.</summary>
    public static Task<TestServerProcess> StartAsync(params string[] args) => StartOnPortAsync(0, args);

    /// <summary>Starts <c>loadrepro server --port PORT ARGS</c> and waits for its readiness line.</summary>
    public static async Task<TestServerProcess> StartOnPortAsync(int port, params string[] args)
    {
        var process = Process.Start(LoadReproCli.StartInfo(["server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]))!;
        var server = new TestServerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                var m = ReadyLine().Match(line);
                if (m.Success)
                {
                    server.Port = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    server.Readiness = line;
                    _ = server.KeepStdoutAsync();
                    return server;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"the test server did not become ready; stderr: {string.Join(" | ", server.Stderr)}");
    }

    /// <summary>A numeric field of the readiness line, e.g. <c>controlPort</c>.</summary>
    public int Field(string name) =>
        LoadRepro.Server.Hosting.ReadinessLine.TryParseField(Readiness, name, out var value) ? value : throw new InvalidOperationException($"no {name}= in '{Readiness}'");

    /// <summary>Waits for the server to exit by itself.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task KeepStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_stdout)
                {
                    _stdout.Add(line);
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex(@"^READY port=(\d+) ")]
    private static partial Regex ReadyLine();
}
