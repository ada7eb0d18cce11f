using System.Diagnostics;
using System.Text;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>loadrepro started in the background, so a test can look at what it built while it runs, or signal it; killed on dispose.</summary>
public sealed class BackgroundCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public BackgroundCli(params string[] args)
    {
        _process = new Process { StartInfo = LoadReproCli.StartInfo(args) };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"loadrepro did not finish within {timeout.TotalSeconds:0} s; stdout: {Stdout}");
        }

        _process.WaitForExit();
        lock (_stderr)
        {
            return new ProcessResult(_process.ExitCode, Stdout, _stderr.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
