using System.Collections.Concurrent;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Server.Transport;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The server's own accept-failure counters, as its <see cref="AcceptFailureLine"/>s report them on stdout: the highest total of
/// each errno, and when the first line arrived on the run's clock.
/// </summary>
public sealed class AcceptFailureTally
{
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly Func<double> _now;
    private AcceptFailure? _first;

    /// <summary>Counts on the run's clock <paramref name="now"/> (seconds since the run started).</summary>
    public AcceptFailureTally(Func<double> now) => _now = now;

    /// <summary>The first failure reported.</summary>
    public AcceptFailure? First => Volatile.Read(ref _first);

    /// <summary>The totals by errno name, sorted.</summary>
    public IReadOnlyDictionary<string, long> Totals => new SortedDictionary<string, long>(_totals, StringComparer.Ordinal);

    /// <summary>Takes a stdout line of the server; false when it is not an accept-failure line.</summary>
    public bool Observe(string line)
    {
        if (!AcceptFailureLine.TryParse(line, out var errno, out var total))
        {
            return false;
        }

        _ = Interlocked.CompareExchange(ref _first, new AcceptFailure(_now(), errno), null);
        _totals.AddOrUpdate(errno, total, (_, before) => Math.Max(before, total));
        return true;
    }
}
