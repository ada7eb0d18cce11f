using System.Collections.Concurrent;
using System.Net.Sockets;
using LoadRepro.Core.Platform;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Transport;

/// <summary>
/// Counts failed accept() calls by errno and reports them in the log and as <see cref="AcceptFailureLine"/>s on stdout (what
/// the harness counts): the first of each errno at once, then one line a second while they go on. At EMFILE a server fails
/// accept thousands of times a second; one line each would drown both.
/// </summary>
public sealed class AcceptFailureLog : IAsyncDisposable
{
    /// <summary>The event name of these lines in the server log.</summary>
    public const string EventName = "AcceptFailed";

    private readonly ILogger _logger;
    private readonly TextWriter _stdout;
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _reported = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporter;
    private int _disposed;

    /// <summary>Starts the once-a-second reporter; <paramref name="stdout"/> gets the <see cref="AcceptFailureLine"/>s.</summary>
    public AcceptFailureLog(ILogger<AcceptFailureLog> logger, TextWriter stdout)
    {
        _logger = logger;
        _stdout = stdout;
        _reporter = ReportEachSecondAsync(_stop.Token);
    }

    /// <summary>Failed accepts so far, by errno name.</summary>
    public IReadOnlyDictionary<string, long> Totals => _totals;

    /// <summary>Records one failed accept.</summary>
    public void Record(SocketError error)
    {
        var errno = ErrnoNames.Of(error);
        if (_totals.AddOrUpdate(errno, 1, (_, n) => n + 1) == 1)
        {
            _logger.LogWarning("{Event}: accept() failed with {Errno}, first time; total {Total}", EventName, errno, 1L);
            Announce(errno, 1);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The host disposes it again after the server disposed it on shutdown: the second call must do nothing.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _reporter;
        }
        catch (OperationCanceledException)
        {
        }

        Flush();
        _stop.Dispose();
    }

    private async Task ReportEachSecondAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var (errno, total) in _totals)
        {
            var before = _reported.GetValueOrDefault(errno);
            if (total > before)
            {
                _reported[errno] = total;
                _logger.LogWarning("{Event}: accept() failed with {Errno} {Count} times in the last second; total {Total}", EventName, errno, total - before, total);
                Announce(errno, total);
            }
        }
    }

    private void Announce(string errno, long total)
    {
        try
        {
            _stdout.WriteLine(AcceptFailureLine.Format(errno, total));
            _stdout.Flush();
        }
        catch (IOException)
        {
            // Nobody reads stdout any more (the harness is gone): the log still has the count.
        }
    }
}
