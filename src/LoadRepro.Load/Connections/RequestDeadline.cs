namespace LoadRepro.Load.Connections;

/// <summary>
/// A per-request timeout that a persistent connection reuses for every request, so the keep-alive hot path does not
/// allocate a linked token source per request; the run's token cancels it too.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenRegistration _onRunCancelled;
    private CancellationTokenSource _cts = new();

    public RequestDeadline(TimeSpan timeout, CancellationToken run)
    {
        _timeout = timeout;
        _onRunCancelled = run.Register(static s => ((RequestDeadline)s!).CancelNow(), this);
    }

    /// <summary>Starts the timeout of the next request and returns its token.</summary>
    public CancellationToken Start()
    {
        if (!_cts.TryReset())
        {
            // A timed-out request leaves a cancelled source behind; only then is a new one needed.
            var old = _cts;
            _cts = new CancellationTokenSource();
            old.Dispose();
        }

        _cts.CancelAfter(_timeout);
        return _cts.Token;
    }

    public void Dispose()
    {
        _onRunCancelled.Dispose();
        _cts.Dispose();
    }

    private void CancelNow()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
