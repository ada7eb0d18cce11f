using System.Runtime.InteropServices;

namespace LoadRepro.Cli.Orchestration;

/// <summary>
/// SIGINT and SIGTERM: the first cancels the run, which stops the load and writes what was measured;
/// the second kills the children and exits at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    /// <summary>Starts listening for the signals.</summary>
    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True once a signal arrived.</summary>
    public bool Interrupted => _count > 0;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) == 1)
        {
            Console.Error.WriteLine($"{context.Signal}: stopping the load and writing a partial report (again to quit at once)");
            _cts.Cancel();
            return;
        }

        Console.Error.WriteLine($"{context.Signal} again: killing the children and quitting");
        ChildProcesses.KillAll();
        Environment.Exit(ExitCodes.Interrupted);
    }
}
