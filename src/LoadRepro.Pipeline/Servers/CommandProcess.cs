using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Platform;
using LoadRepro.Load.Engine;
using LoadRepro.Pipeline.Processes;
using LoadRepro.Sampler.Proc;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's server started from their command (<c>--server-cmd</c>): in a process group of its own (setsid), under the
/// run's descriptor limit, its output into the run's server.log; ready once the target accepts connections; the processes
/// that hold its listening socket are the ones sampled. Stopped with SIGTERM to the whole group, SIGKILL after a grace.
/// A watchdog inside the group kills it if the harness dies without stopping it (SIGKILL leaves children running).
/// </summary>
public sealed class CommandProcess : ITargetProcess
{
    private const int TailLines = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly OutputTail _tail = new(TailLines);
    private readonly ChildExit _exit;
    private int _disposed;

    private CommandProcess(Process process, StreamWriter log, LoadTarget target)
    {
        _process = process;
        _exit = new ChildExit(process);
        _log = log;
        EndPoint = target.EndPoint;
        Host = target.Host;
        Tls = target.Tls;
    }

    /// <summary>The PID of the command's process, which leads its process group.</summary>
    public int Pid { get; private set; }

    /// <inheritdoc />
    public int Port => EndPoint.Port;

    /// <inheritdoc />
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public TlsTarget? Tls { get; }

    /// <summary>Null: the user's server reports nothing; its limit is read from /proc by the sampler.</summary>
    public int? AppliedFdLimit => null;

    /// <inheritdoc />
    public IReadOnlyList<int> SampledPids { get; private set; } = [];

    /// <inheritdoc />
    public Task Exited => _exit.Exited;

    /// <inheritdoc />
    public bool ExitedByItself => _exit.ByItself;

    /// <inheritdoc />
    public long ExitTimestamp => _exit.Timestamp;

    /// <inheritdoc />
    public int? ExitCode => _exit.Code;

    /// <inheritdoc />
    public string? ExitReason => ExitedByItself
        ? $"the server command exited by itself with code {ExitCode}; its last output: {_tail.Last(5)}"
        : null;

    /// <summary>Null: the user's server does not report its accept failures.</summary>
    public AcceptFailure? FirstAcceptFailure => null;

    /// <summary>Empty: the user's server does not report its accept failures.</summary>
    public IReadOnlyDictionary<string, long> AcceptFailures { get; } = new Dictionary<string, long>();

    /// <summary>Starts <paramref name="command"/> (a shell command line) and waits until <paramref name="target"/> accepts a connection.</summary>
    /// <exception cref="UserFacingException">It exited first, or did not accept connections within <paramref name="readyTimeout"/> (exit 3).</exception>
    public static async Task<CommandProcess> StartAsync(string command, LoadTarget target, int? maxFds, string logFile, TimeSpan readyTimeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // The command is passed as an argument ($0), never pasted into the script: the shell parses it once, as the user wrote it.
        var limit = maxFds is { } n ? string.Create(CultureInfo.InvariantCulture, $"ulimit -Sn {n} || exit 96; ") : "";
        var watchdog = string.Create(CultureInfo.InvariantCulture,
            $"( while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; kill -TERM 0; sleep 3; kill -KILL 0 ) </dev/null >/dev/null 2>&1 & ");
        foreach (var a in (string[])["/bin/sh", "-c", watchdog + limit + "exec /bin/sh -c \"$0\"", command])
        {
            info.ArgumentList.Add(a);
        }

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var server = new CommandProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, log, target);
        server._process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        try
        {
            server._process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await log.DisposeAsync();
            throw new UserFacingException($"--server-cmd: cannot start a shell for it ({e.Message})", ExitCodes.Environment, e);
        }

        server.Pid = server._process.Id;
        ChildProcesses.TrackGroup(server.Pid);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitReadyAsync(command, readyTimeout, ct);
        return server;
    }

    /// <summary>Does nothing: Ctrl-C in a terminal does not reach a process group of its own, so its exit always counts.</summary>
    public void ExpectExit()
    {
    }

    /// <summary>Stops the whole group: SIGTERM, then SIGKILL after a grace. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _exit.Expect();
        if (!_exit.Exited.IsCompleted)
        {
            _ = Linux.Signal(-Pid, Linux.SigTerm);
            if (await Task.WhenAny(_exit.Exited, Task.Delay(StopGrace, CancellationToken.None)) != _exit.Exited)
            {
                _ = Linux.Signal(-Pid, Linux.SigKill);
                await Task.WhenAny(_exit.Exited, Task.Delay(StopGrace, CancellationToken.None));
            }
        }

        // The leader may go first: what else the group still holds (a child that ignored SIGTERM) goes now.
        _ = Linux.Signal(-Pid, Linux.SigKill);
        ChildProcesses.UntrackGroup(Pid);
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitReadyAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (await AcceptsAsync(ct))
            {
                var holders = ListeningProcesses.Find(Port);
                SampledPids = holders.Count > 0 ? holders : [Pid];
                await CheckTlsAsync(command, ct);
                return;
            }

            string? why = null;
            if (_exit.Exited.IsCompleted)
            {
                why = $"the server command exited with code {ExitCode} before {EndPoint} accepted a connection";
            }
            else if (Stopwatch.GetTimestamp() > deadline)
            {
                why = $"{EndPoint} did not accept a connection within {timeout.TotalSeconds:0} s of starting the server command";
            }

            if (why is not null)
            {
                await DisposeAsync();
                var tail = _tail.Lines.Length == 0 ? "it printed nothing" : $"its last output: {_tail.Last(3)}";
                throw new UserFacingException($"--server-cmd '{command}': {why}; {tail}", ExitCodes.Environment);
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>An https target's certificate, checked once it listens: refused, the server is stopped and the line names why.</summary>
    private async Task CheckTlsAsync(string command, CancellationToken ct)
    {
        try
        {
            await TlsProbe.CheckAsync(new LoadTarget { EndPoint = EndPoint, Host = Host, Tls = Tls }, $"--server-cmd '{command}'", ct);
        }
        catch (UserFacingException)
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task<bool> AcceptsAsync(CancellationToken ct)
    {
        using var probe = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await probe.ConnectAsync(EndPoint, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.WriteLine(line);
        _tail.Add(line);
    }
}
