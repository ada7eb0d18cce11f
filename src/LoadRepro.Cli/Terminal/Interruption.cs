using System.Runtime.InteropServices;
using LoadRepro.Pipeline.Processes;

namespace LoadRepro.Cli.Terminal;

/// <summary>
/// SIGINT and SIGTERM during a run: the first cancels the run, which stops the load, stops the server and writes what
/// was measured; the second kills the children and exits at once. Other commands (the server) keep the runtime's own
/// handling, so the signals are only taken over once <see cref="Start"/> is called.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _count;

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True once a signal arrived.</summary>
    public bool Interrupted => Volatile.Read(ref _count) > 0;

    /// <summary>Takes over SIGINT and SIGTERM for the rest of the process's life. Safe to call twice.</summary>
    public void Start()
    {
        lock (_registrations)
        {
            if (_registrations.Count == 0)
            {
                _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
                _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_registrations)
        {
            foreach (var r in _registrations)
            {
                r.Dispose();
            }

            _registrations.Clear();
        }

        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) == 1)
        {
            Console.Error.WriteLine($"{context.Signal}: stopping (send it again to quit at once)");
            _cts.Cancel();
            return;
        }

        Console.Error.WriteLine($"{context.Signal} again: killing the test server and quitting without a report");
        ChildProcesses.KillAll();
        Environment.Exit(ExitCodes.Interrupted);
    }
}
