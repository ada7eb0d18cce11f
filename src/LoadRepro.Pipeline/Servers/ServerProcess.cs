using System.Diagnostics;
using System.Globalization;
using System.Net;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Platform;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;
using LoadRepro.Pipeline.Processes;
using LoadRepro.Server.Hosting;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The test server started as a child process: readiness (with the descriptor limit it applied), its accept-failure counters,
/// the tail of its stderr, how it ended, and stopping it.
/// </summary>
public sealed class ServerProcess : ITargetProcess
{
    private const int TailLines = 20;
    private const string ChildErrorPrefix = "loadrepro: ";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly OutputTail _stderrTail = new(TailLines);
    private readonly ChildExit _exit;
    private readonly AcceptFailureTally _acceptFailures;
    private readonly TaskCompletionSource<(int Port, int Pid)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IPAddress _listen;

    private ServerProcess(Process process, IPAddress listen, Func<double> now)
    {
        _process = process;
        _exit = new ChildExit(process);
        _listen = listen;
        _acceptFailures = new AcceptFailureTally(now);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's PID.</summary>
    public int Pid { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<int> SampledPids => [Pid];

    /// <inheritdoc />
    public IPEndPoint EndPoint => new(_listen, Port);

    /// <inheritdoc />
    public string Host => EndPoint.ToString();

    /// <inheritdoc />
    public int? AppliedFdLimit { get; private set; }

    /// <summary>With <c>server.tls</c>: trust exactly the certificate the server announced on its readiness line, under the name it is made for.</summary>
    public TlsTarget? Tls { get; private set; }

    /// <inheritdoc />
    public string? ExitReason => ExitedByItself
        ? $"exited by itself with code {ExitCode}; last stderr: {_stderrTail.Last(5)}"
        : null;

    /// <inheritdoc />
    public AcceptFailure? FirstAcceptFailure => _acceptFailures.First;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> AcceptFailures => _acceptFailures.Totals;

    /// <summary>Completes when the server exits, for any reason.</summary>
    public Task Exited => _exit.Exited;

    /// <summary>True when the server exited before the run stopped it.</summary>
    public bool ExitedByItself => _exit.ByItself;

    /// <summary>When it exited by itself, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long ExitTimestamp => _exit.Timestamp;

    /// <summary>Its exit code once it exited.</summary>
    public int? ExitCode => _exit.Code;

    /// <summary>The last lines it wrote to stderr.</summary>
    public IReadOnlyList<string> StderrTail => _stderrTail.Lines;

    /// <summary>Starts the server with the scenario's settings and waits for its readiness line.</summary>
    /// <exception cref="UserFacingException">It did not start: the reason and its exit code (2 bad input, 3 environment).</exception>
    /// <param name="settings">The scenario's server settings.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="logFile">Where the server writes its log.</param>
    /// <param name="now">The run's clock: seconds since the run started, for the first accept failure.</param>
    /// <param name="ct">The interruption token.</param>
    /// <param name="netns">The lab's network namespace to start it in; null for this one.</param>
    /// <param name="listen">The address to listen on; null for 127.0.0.1.</param>
    public static async Task<ServerProcess> StartAsync(ServerSettings settings, int port, string logFile, Func<double> now, CancellationToken ct, string? netns = null, IPAddress? listen = null)
    {
        var info = SelfCommand.StartInfo(
        [
            "server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bug", KebabNames.Name(settings.Bug),
            "--keep-alive", settings.KeepAlive.ToString(), "--max-fds", settings.MaxFds.ToString(CultureInfo.InvariantCulture),
            "--log-file", logFile, "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--stop-on-stdin",
            "--stack", KebabNames.Name(settings.EffectiveStack), "--slow-close", DurationText.Format(settings.SlowCloseDelay),
            .. listen is null ? Array.Empty<string>() : ["--listen", listen.ToString()],
            .. settings.BugPath is null ? Array.Empty<string>() : ["--bug-path", settings.BugPath],
            .. settings.Tls ? ["--tls"] : Array.Empty<string>(),
        ], netns);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        SocketCompletions.Default(info);
        ServerRuntime.Configure(info);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, listen ?? IPAddress.Loopback, now);
        process.OutputDataReceived += (_, e) => server.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnStderr(e.Data);
        process.Start();
        server.Pid = process.Id;
        ChildProcesses.Track(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        var first = await Task.WhenAny(server._ready.Task, server._exit.Exited, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (first == server._ready.Task)
        {
            server.Port = server._ready.Task.Result.Port;
            return server;
        }

        await server.DisposeAsync();
        ct.ThrowIfCancellationRequested();

        // A crash prints its exception first and its stack after: the exception's line says why, not the stack's last frame.
        var why = server.StderrTail.FirstOrDefault(l => l.Contains("exception", StringComparison.OrdinalIgnoreCase))
            ?? server.StderrTail.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? (server.StderrTail is [.., var lastLine] ? lastLine : "no output");

        // The child is this same program: its one-line error already starts with our name.
        why = why.Trim().StartsWith(ChildErrorPrefix, StringComparison.Ordinal) ? why.Trim()[ChildErrorPrefix.Length..] : why;
        var code = server.ExitCode ?? -1;
        throw new UserFacingException(
            first == server._exit.Exited ? $"the test server did not start: {why.Trim()}" : $"the test server printed no readiness line within {ReadyTimeout.TotalSeconds:0} s",
            code == ExitCodes.BadInput ? ExitCodes.BadInput : ExitCodes.Environment);
    }

    /// <summary>
    /// Says that an exit from now on is expected and not a crash: after an interruption the server may stop before we
    /// stop it, because Ctrl-C in a terminal reaches the whole process group.
    /// </summary>
    public void ExpectExit() => _exit.Expect();

    /// <summary>
    /// Stops the server: 'stop' on its standard input (a SIGTERM at the descriptor limit makes the .NET runtime abort: see
    /// <c>StdinStop</c> in the server), then SIGTERM, then SIGKILL, each after a grace period. Safe to call twice.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _exit.Expect();
        if (!_exit.Exited.IsCompleted)
        {
            var done = Ask() ? await Task.WhenAny(_exit.Exited, Task.Delay(TimeSpan.FromSeconds(4))) : null;
            if (done != _exit.Exited)
            {
                _ = Linux.Signal(Pid, Linux.SigTerm);
                done = await Task.WhenAny(_exit.Exited, Task.Delay(TimeSpan.FromSeconds(4)));
            }

            if (done != _exit.Exited)
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                await Task.WhenAny(_exit.Exited, Task.Delay(TimeSpan.FromSeconds(4)));
            }
        }

        ChildProcesses.Untrack(Pid);
        _process.Dispose();
    }

    private bool Ask()
    {
        try
        {
            _process.StandardInput.WriteLine("stop");
            _process.StandardInput.Close();
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void OnStdout(string? line)
    {
        if (line is null || _acceptFailures.Observe(line))
        {
            return;
        }

        if (ReadinessLine.TryParse(line, out var port, out var pid))
        {
            AppliedFdLimit = ReadinessLine.TryParseField(line, "maxFds", out var limit) ? limit : null;
            Tls = ReadinessLine.TextField(line, ReadinessLine.TlsField) is { } hash ? new TlsTarget { ServerName = "localhost", PinnedSha256 = hash } : null;
            _ready.TrySetResult((port, pid));
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stderrTail.Add(line);
    }
}
