using System.Diagnostics;
using LoadRepro.Core.Records;

namespace LoadRepro.Load.Metrics;

/// <summary>Turns the run's running counters into one row per second: the differences since the previous row.</summary>
public sealed class ClientTimeSeries
{
    private readonly LoadMetrics _metrics;
    private readonly List<ClientSecond> _rows = [];
    private long _start;
    private (long Started, long Ok, long Failed, long Connections, long Late) _last;
    private Dictionary<string, long> _lastErrors = new(StringComparer.Ordinal);

    /// <summary>Creates the series over <paramref name="metrics"/>.</summary>
    public ClientTimeSeries(LoadMetrics metrics) => _metrics = metrics;

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<ClientSecond> Rows
    {
        get
        {
            lock (_rows)
            {
                return _rows.ToArray();
            }
        }
    }

    /// <summary>Takes a row every second from now until <paramref name="ct"/> is cancelled, then the last partial one.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _start = Stopwatch.GetTimestamp();
        _metrics.TakeIntervalP99Ms();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                TakeRow();
            }
        }
        catch (OperationCanceledException)
        {
        }

        TakeRow();
    }

    private void TakeRow()
    {
        var now = (_metrics.Started, _metrics.Ok, _metrics.Failed, _metrics.ConnectionsOpened, _metrics.LateArrivals);
        var errors = new Dictionary<string, long>(_metrics.Errors, StringComparer.Ordinal);
        var delta = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in errors)
        {
            var d = count - _lastErrors.GetValueOrDefault(kind);
            if (d != 0)
            {
                delta[kind] = d;
            }
        }

        var row = new ClientSecond
        {
            Seconds = Math.Round(Stopwatch.GetElapsedTime(_start).TotalSeconds, 3),
            Started = now.Started - _last.Started,
            Ok = now.Ok - _last.Ok,
            Failed = now.Failed - _last.Failed,
            ConnectionsOpened = now.ConnectionsOpened - _last.Connections,
            LateArrivals = now.LateArrivals - _last.Late,
            P99Ms = _metrics.TakeIntervalP99Ms(),
            Errors = delta,
        };
        _last = now;
        _lastErrors = errors;
        lock (_rows)
        {
            _rows.Add(row);
        }
    }
}
