using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LoadRepro.Cli.Orchestration;
using LoadRepro.Core.Platform;
using LoadRepro.Core.Records;

namespace LoadRepro.Cli.Lab;

/// <summary>
/// The load engine run as a child inside the client namespace (<c>ip netns exec NS loadrepro lab-load</c>): sockets belong to
/// the namespace of the thread that creates them, and an async engine's continuations hop threads, so a whole process is
/// the one safe way to keep every socket in that namespace. It prints STARTED, progress lines and DONE, then waits for its
/// stdin to close, so its namespace's TIME_WAIT can still be read through its PID while the run drains.
/// </summary>
public sealed class LoadChild : IAsyncDisposable
{
    /// <summary>The line printed when the load starts.</summary>
    public const string StartedLine = "STARTED";

    /// <summary>The line printed once the summary was written.</summary>
    public const string DoneLine = "DONE";

    /// <summary>The prefix of a progress line: "PROGRESS ok failed".</summary>
    public const string ProgressPrefix = "PROGRESS ";

    private readonly Process _process;
    private readonly string _summaryFile;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _stderr = new();
    private int _disposed;

    private LoadChild(Process process, string summaryFile)
    {
        _process = process;
        _summaryFile = summaryFile;
    }

    /// <summary>The child's PID: its /proc/PID/net is the client namespace's.</summary>
    public int Pid { get; private set; }

    /// <summary>Completes when the load started (or the child ended).</summary>
    public Task Started => _started.Task;

    /// <summary>Completes when the load finished and its summary was written (or the child ended).</summary>
    public Task Done => _done.Task;

    /// <summary>Requests answered so far, from the last progress line.</summary>
    public long Ok { get; private set; }

    /// <summary>Requests failed so far, from the last progress line.</summary>
    public long Failed { get; private set; }

    /// <summary>Starts the child in <paramref name="netns"/> with the request written to <paramref name="requestFile"/>.</summary>
    public static LoadChild Start(string netns, LabLoadRequest request, string requestFile, string summaryFile)
    {
        File.WriteAllText(requestFile, JsonSerializer.Serialize(request, LabLoadRequest.Json));
        var info = SelfCommand.StartInfo(["lab-load", "--request", requestFile, "--summary", summaryFile], netns);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new LoadChild(process, summaryFile);
        process.OutputDataReceived += (_, e) => child.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnStderr(e.Data);
        process.Exited += (_, _) =>
        {
            child._started.TrySetResult();
            child._done.TrySetResult();
        };
        process.Start();
        child.Pid = process.Id;
        ChildProcesses.Track(child.Pid);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Asks the load to stop early (the run was interrupted): SIGTERM, which the child handles like Ctrl-C.</summary>
    public void Stop() => _ = Linux.Signal(_process.Id, Linux.SigTerm);

    /// <summary>What the client measured; an empty summary with the child's last error when it wrote none.</summary>
    public (ClientSummary Summary, string? Problem) ReadSummary()
    {
        try
        {
            return (JsonSerializer.Deserialize<ClientSummary>(File.ReadAllText(_summaryFile), LabLoadRequest.Json) ?? new ClientSummary(), null);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            string tail;
            lock (_stderr)
            {
                tail = string.Join(" | ", _stderr);
            }

            return (new ClientSummary(), $"the load child wrote no client summary ({e.Message.Split('\n')[0]}); its last stderr: {tail}");
        }
    }

    /// <summary>Closes its stdin so it exits, then kills it if it has not within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        ChildProcesses.Untrack(Pid);
        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        switch (line)
        {
            case null:
                return;
            case StartedLine:
                _started.TrySetResult();
                return;
            case DoneLine:
                _done.TrySetResult();
                return;
        }

        if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
        {
            var parts = line[ProgressPrefix.Length..].Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ok) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var failed))
            {
                Ok = ok;
                Failed = failed;
            }
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > 5)
            {
                _stderr.Dequeue();
            }
        }
    }
}
