using System.Globalization;
using System.Text;
using LoadRepro.Core.Platform;

namespace LoadRepro.Cli.Terminal;

/// <summary>
/// The live view of a run on a terminal: one table redrawn in place twice a second, with the client's counters
/// and the target's descriptors and socket states. Only used when stdout is a terminal; redirected output gets
/// plain lines instead (<see cref="RunProgress"/>).
/// </summary>
/// <remarks>
/// It draws on a thread of its own, not the thread pool's, where the load engine's continuations run (those not run inline
/// on the sockets' epoll thread), and lays the table out itself (<see cref="LiveTable"/>): a frame is a few string
/// operations and one write, where a layout library cost about 20 ms of CPU a frame in a short run, its code still cold.
/// Twice a second is what the eye follows of counters that the run itself moves once a second.
/// </remarks>
public sealed class LiveRunView : IAsyncDisposable
{
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";
    private const string ClearToLineEnd = "\u001b[K";
    private const string ClearBelow = "\u001b[J";
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private readonly Func<LiveReading> _read;
    private readonly TextWriter _out;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drawing;
    private readonly StringBuilder _frame = new();
    private int _lines;
    private long _lastOk;
    private double _lastSeconds;
    private double _rps;
    private string _status = "load running";

    private LiveRunView(Func<LiveReading> read, TextWriter output)
    {
        _read = read;
        _out = output;
        _drawing = DedicatedThread.Run("live view", Draw);
    }

    /// <summary>Starts drawing on <paramref name="output"/>, a terminal; dispose to stop (the last state stays on screen).</summary>
    public static LiveRunView Start(Func<LiveReading> read, TextWriter output) => new(read, output);

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

    private void Draw()
    {
        Write(HideCursor);
        do
        {
            DrawFrame();
        }
        while (!_stop.Token.WaitHandle.WaitOne(Refresh));

        DrawFrame();
        Write(ShowCursor);
    }

    private void DrawFrame()
    {
        var lines = LiveTable.Lines(Rows(), Volatile.Read(ref _status), TerminalWidth());
        _frame.Clear();
        if (_lines > 0)
        {
            // Back to the first line of the last frame, then over it; what the last frame had below is cleared.
            _frame.Append("\u001b[").Append(_lines).Append('F');
        }

        foreach (var line in lines)
        {
            _frame.Append(line).Append(ClearToLineEnd).Append('\n');
        }

        _frame.Append(ClearBelow);
        _lines = lines.Count;
        Write(_frame.ToString());
    }

    private void Write(string text)
    {
        lock (_out)
        {
            _out.Write(text);
            _out.Flush();
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            // One column short of the edge: a line that fills the last column would wrap on some terminals.
            var width = Console.WindowWidth;
            return width >= 20 ? width - 1 : 79;
        }
        catch (IOException)
        {
            return 79;
        }
    }

    private List<string[]> Rows()
    {
        var (t, s, m) = _read();
        var ok = m.Ok;
        if (t - _lastSeconds >= 1)
        {
            _rps = (ok - _lastOk) / (t - _lastSeconds);
            _lastOk = ok;
            _lastSeconds = t;
        }

        var errors = m.Errors.Count == 0 ? "none" : string.Join(", ", m.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        var alive = s is { Alive: true };
        var rows = new List<string[]>
        {
            Row("elapsed", F($"{t:0.0} s"), "descriptors", alive ? F($"{s!.Fds} of {s.FdLimit}") : "not running"),
            Row("requests ok", N(ok), "CLOSE_WAIT", alive ? N(s!.Tcp.CloseWait) : "-"),
            Row("requests failed", N(m.Failed), "ESTABLISHED", alive ? N(s!.Tcp.Established) : "-"),
            Row("requests/s", F($"{_rps:0}"), "TIME_WAIT (target side)", alive ? N(s!.Tcp.TimeWait) : "-"),
            Row("connections opened", N(m.ConnectionsOpened), "TIME_WAIT (client side)", alive ? N(s!.ClientTcp.TimeWait) : "-"),
            Row("late arrivals", N(m.LateArrivals), "CPU", alive ? F($"{s!.CpuPercent:0} %") : "-"),
            Row("errors", errors, "", ""),
        };
        if (m.Requests.Count > 1)
        {
            rows.AddRange(m.Requests.Select(k => Row(k.Name, $"{N(k.RequestsOk)} ok, {N(k.RequestsFailed)} failed", "p99", F($"{k.LatencyMs.P99:0.##} ms"))));
        }

        return rows;
    }

    private static string[] Row(string a, string av, string b, string bv) => [a, av, b, bv];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
