using System.Diagnostics;

namespace LoadRepro.Pipeline.Processes;

/// <summary>How a child process ended: when, with which code, and whether by itself or because the run stopped it.</summary>
public sealed class ChildExit
{
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _expected;

    /// <summary>Watches <paramref name="process"/>, which must raise its events (<see cref="Process.EnableRaisingEvents"/>).</summary>
    public ChildExit(Process process)
    {
        _process = process;
        _process.Exited += (_, _) => OnExited();
    }

    /// <summary>Completes when the child exits, for any reason.</summary>
    public Task Exited => _exited.Task;

    /// <summary>True when it exited before the run said it expected it to.</summary>
    public bool ByItself { get; private set; }

    /// <summary>When it exited, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long Timestamp { get; private set; }

    /// <summary>Its exit code once it exited.</summary>
    public int? Code { get; private set; }

    /// <summary>Says that an exit from now on is the run's doing, not a crash.</summary>
    public void Expect() => _expected = true;

    private void OnExited()
    {
        Timestamp = Stopwatch.GetTimestamp();
        ByItself = !_expected;
        try
        {
            // Let the last output lines arrive before anyone reads them.
            _process.WaitForExit();
            Code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
        }

        _exited.TrySetResult();
    }
}
