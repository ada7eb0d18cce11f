using System.Diagnostics;
using System.Text.Json;
using LoadRepro.Core.Platform;
using LoadRepro.Load.Metrics;
using LoadRepro.Pipeline.Processes;

namespace LoadRepro.Pipeline.Loads;

/// <summary>
/// The load engine run as a child inside the client namespace (<c>ip netns exec NS loadrepro lab-load</c>): sockets belong to
/// the namespace of the thread that creates them, and an async engine's continuations hop threads, so a whole process is
/// the one safe way to keep every socket in that namespace. It prints STARTED, progress lines and DONE, then waits for its
/// stdin to close, so its namespace's TIME_WAIT can still be read through its PID while the run drains.
/// </summary>
public sealed class LoadChild : ILoadExecution
{
    /// <summary>The line printed when the load starts.</summary>
    public const string StartedLine = "STARTED";

    /// <summary>The line printed once the summary was written.</summary>
    public const string DoneLine = "DONE";

    /// <summary>The prefix of a progress line: "PROGRESS" and the <see cref="LoadProgress"/> as JSON.</summary>
    public const string ProgressPrefix = "PROGRESS ";

    private readonly Process _process;
    private readonly string _requestFile;
    private readonly string _summaryFile;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutputTail _stderr = new(5);
    private int _disposed;
    private int _pid;
    private volatile LoadProgress _progress = LoadProgress.None;

    private LoadChild(Process process, string requestFile, string summaryFile)
    {
        _process = process;
        _requestFile = requestFile;
        _summaryFile = summaryFile;
    }

    /// <summary>The child's PID: its /proc/PID/net is the client namespace's.</summary>
    public int? ClientPid => _pid;

    /// <summary>Completes when the load started (or the child ended).</summary>
    public Task Started => _started.Task;

    /// <summary>Completes when the load finished and its summary was written (or the child ended).</summary>
    public Task Done => _done.Task;

    /// <summary>The client's counters, from the last progress line.</summary>
    public LoadProgress Progress => _progress;

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
        var child = new LoadChild(process, requestFile, summaryFile);
        process.OutputDataReceived += (_, e) => child.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnStderr(e.Data);
        process.Exited += (_, _) =>
        {
            child._started.TrySetResult();
            child._done.TrySetResult();
        };
        process.Start();
        child._pid = process.Id;
        ChildProcesses.Track(child._pid);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Asks the load to stop early (the run was interrupted): SIGTERM, which the child handles like Ctrl-C.</summary>
    public void RequestStop()
    {
        if (Volatile.Read(ref _disposed) == 0 && !_done.Task.IsCompleted)
        {
            _ = Linux.Signal(_pid, Linux.SigTerm);
        }
    }

    /// <summary>What the client measured; an empty summary with the child's last error when it wrote none.</summary>
    public LoadOutcome Finish()
    {
        try
        {
            var result = JsonSerializer.Deserialize<LoadChildResult>(File.ReadAllText(_summaryFile), LabLoadRequest.Json) ?? throw new JsonException("empty");
            return new LoadOutcome(result.Client, result.Seconds)
            {
                KindsByPort = result.KindsByPort,
                Latency = result.LatencyLog is { } log ? Load.Metrics.LatencyLog.Parse(log, _summaryFile) : null,
            };
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            return new LoadOutcome(new Core.Records.ClientSummary(), [], $"the load child wrote no client summary ({e.Message.Split('\n')[0]}); its last stderr: {_stderr.Last(5)}");
        }
    }

    /// <summary>
    /// Closes its stdin so it exits, then kills it if it has not within a few seconds; removes the two files it was handed, so a
    /// lab run's directory holds the same files as any other run's.
    /// </summary>
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

        ChildProcesses.Untrack(_pid);
        _process.Dispose();
        File.Delete(_requestFile);
        File.Delete(_summaryFile);
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
            try
            {
                _progress = JsonSerializer.Deserialize<LoadProgress>(line.AsSpan(ProgressPrefix.Length), LabLoadRequest.Json) ?? _progress;
            }
            catch (JsonException)
            {
                // A line cut short: the next one a second later says the same and more.
            }
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stderr.Add(line);
    }
}
