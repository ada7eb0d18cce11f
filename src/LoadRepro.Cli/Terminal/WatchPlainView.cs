using System.Globalization;
using LoadRepro.Cli.Watching;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;

namespace LoadRepro.Cli.Terminal;

/// <summary>The watch as plain lines (output redirected): one line of figures a second, the projection under it, the diagnosis when it changes.</summary>
public sealed class WatchPlainView : IWatchView
{
    private readonly TextWriter _out;
    private readonly bool _quiet;
    private double _lastPrinted = double.NegativeInfinity;
    private DiagnosisKind? _lastDiagnosis;

    /// <summary>Prints to <paramref name="output"/>; with <paramref name="quiet"/>, only the closing lines.</summary>
    public WatchPlainView(TextWriter output, bool quiet)
    {
        _out = output;
        _quiet = quiet;
    }

    /// <inheritdoc />
    public Task RunAsync(Func<Action<WatchFrame>, Task> sampling) => sampling(Show);

    /// <inheritdoc />
    public void Line(string text)
    {
        _out.WriteLine(text);
        _out.Flush();
    }

    private void Show(WatchFrame f)
    {
        var s = f.Latest;
        if (_quiet || s.Seconds - _lastPrinted < 0.999)
        {
            return;
        }

        _lastPrinted = s.Seconds;
        var side = f.ByPort ? "server side" : "own";
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{s.Seconds,6:0.0} s  descriptors {s.Fds}/{s.FdLimit} ({Signed(f.Trends.Fds)}/s): sockets {s.SocketFds}, files {s.FileFds}, pipes {s.PipeFds}, anon inodes {s.AnonInodeFds}, other {s.OtherKindFds}; " +
            $"{side} CLOSE_WAIT {f.CloseWait} ({Signed(f.Trends.CloseWait)}/s), ESTABLISHED {f.Established} ({Signed(f.Trends.Established)}/s); {(f.ByPort ? "TIME_WAIT" : "namespace TIME_WAIT")} {f.TimeWait} ({Signed(f.Trends.TimeWait)}/s); " +
            $"CPU {s.CpuPercent:0}%, RSS {s.RssBytes / 1048576.0:0.0} MiB, threads {s.Threads}"));
        if (f.Projection is { } p)
        {
            Line("         " + p);
        }

        if (f.DiagnosisKind != _lastDiagnosis)
        {
            _lastDiagnosis = f.DiagnosisKind;
            Line($"         diagnosis {KebabNames.Name(f.DiagnosisKind)}: {f.DiagnosisLine}");
        }
    }

    private static string Signed(double v) => v.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture);
}
