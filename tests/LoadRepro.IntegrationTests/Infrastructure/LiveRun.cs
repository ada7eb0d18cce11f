using System.Diagnostics;
using LoadRepro.Core.Platform;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The real CLI as a child process the test can watch line by line and signal while it runs; on dispose it and any
/// server it started are killed, so a failing test leaves nothing behind.
/// </summary>
public sealed class LiveRun : IAsyncDisposable
{
    public const int SigInt = 2;

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private LiveRun(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Stdout => Joined(_stdout);

    public string Stderr => Joined(_stderr);

    public string[] StderrLines
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.Where(l => l.Length > 0).ToArray();
            }
        }
    }

    public static LiveRun Start(params string[] args)
    {
        var process = new Process { StartInfo = LoadReproCli.StartInfo(args) };
        var run = new LiveRun(process);
        process.OutputDataReceived += (_, e) => Add(run._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Add(run._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for a stdout line containing <paramref name="text"/>; false on timeout or exit.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Stdout.Contains(text, StringComparison.Ordinal) || _process.HasExited), timeout);
        return Stdout.Contains(text, StringComparison.Ordinal);
    }

    public void Signal(int signal) => Assert.True(Linux.Signal(Pid, signal), $"kill({Pid}, {signal}) failed");

    /// <summary>Waits for the exit; returns the exit code, or null on timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var pid = Pid;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        ServerChildren.KillAll(pid);
        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static string Joined(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
