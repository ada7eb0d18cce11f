using System.Globalization;
using Spectre.Console;

namespace LoadRepro.Cli.Terminal;

/// <summary>
/// The live view of a run on a terminal: one table redrawn in place four times a second, with the client's counters
/// and the target's descriptors and socket states. Only used when stdout is a terminal; redirected output gets
/// plain lines instead (<see cref="RunProgress"/>).
/// </summary>
public sealed class LiveRunView : IAsyncDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private readonly Func<LiveReading> _read;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drawing;
    private long _lastOk;
    private double _lastSeconds;
    private double _rps;
    private string _status = "load running";

    private LiveRunView(Func<LiveReading> read)
    {
        _read = read;
        _drawing = AnsiConsole.Live(Render()).AutoClear(false).StartAsync(DrawAsync);
    }

    /// <summary>Starts drawing; dispose to stop (the last state stays on screen).</summary>
    public static LiveRunView Start(Func<LiveReading> read) => new(read);

    /// <summary>A line under the table saying what the run is doing.</summary>
    public string Status
    {
        set => Volatile.Write(ref _status, value);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _drawing;
        _stop.Dispose();
    }

    private async Task DrawAsync(LiveDisplayContext context)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Refresh, _stop.Token);
                context.UpdateTarget(Render());
            }
        }
        catch (OperationCanceledException)
        {
        }

        context.UpdateTarget(Render());
    }

    private Table Render()
    {
        var (t, s, m) = _read();
        var ok = m.Ok;
        if (t - _lastSeconds >= 1)
        {
            _rps = (ok - _lastOk) / (t - _lastSeconds);
            _lastOk = ok;
            _lastSeconds = t;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("client").AddColumn("").AddColumn("target").AddColumn("")
            .Caption(Markup.Escape(Volatile.Read(ref _status)));
        var errors = m.Errors.Count == 0 ? "none" : string.Join(", ", m.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        var alive = s is { Alive: true };
        Row(table, "elapsed", $"{t:0.0} s", "descriptors", alive ? $"{s!.Fds} of {s.FdLimit}" : "not running");
        Row(table, "requests ok", N(ok), "CLOSE_WAIT", alive ? N(s!.Tcp.CloseWait) : "-");
        Row(table, "requests failed", N(m.Failed), "ESTABLISHED", alive ? N(s!.Tcp.Established) : "-");
        Row(table, "requests/s", $"{_rps:0}", "TIME_WAIT (target side)", alive ? N(s!.Tcp.TimeWait) : "-");
        Row(table, "connections opened", N(m.ConnectionsOpened), "TIME_WAIT (client side)", alive ? N(s!.ClientTcp.TimeWait) : "-");
        Row(table, "late arrivals", N(m.LateArrivals), "CPU", alive ? $"{s!.CpuPercent:0} %" : "-");
        table.AddRow(new Markup("errors"), new Markup(Markup.Escape(errors)), new Markup(""), new Markup(""));
        if (m.Requests.Count > 1)
        {
            foreach (var k in m.Requests)
            {
                Row(table, k.Name, $"{N(k.RequestsOk)} ok, {N(k.RequestsFailed)} failed", "p99", $"{k.LatencyMs.P99:0.##} ms");
            }
        }

        return table;
    }

    private static void Row(Table table, string a, string av, string b, string bv) =>
        table.AddRow(Markup.Escape(a), Markup.Escape(av), Markup.Escape(b), Markup.Escape(bv));

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
