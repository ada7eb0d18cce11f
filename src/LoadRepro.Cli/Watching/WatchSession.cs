using System.Diagnostics;
using System.Globalization;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Cli.Watching;

/// <summary>
/// Samples a process until the duration or sample count is reached, the process exits, or the token is cancelled;
/// shows each frame, then says why it stopped and writes the CSV.
/// </summary>
public sealed class WatchSession
{
    private readonly WatchSettings _settings;
    private readonly IWatchView _view;
    private readonly List<Sample> _samples = [];
    private readonly List<double> _costMs = [];

    /// <summary>Creates the session.</summary>
    public WatchSession(WatchSettings settings, IWatchView view)
    {
        _settings = settings;
        _view = view;
    }

    /// <summary>How the watch ended.</summary>
    public enum Ending
    {
        /// <summary>The duration or the sample count was reached.</summary>
        Completed,

        /// <summary>The process exited.</summary>
        ProcessExited,

        /// <summary>Ctrl-C or SIGTERM.</summary>
        Interrupted,
    }

    /// <summary>Watches; <paramref name="ct"/> is the interruption token.</summary>
    public async Task<Ending> RunAsync(ISampleSource sampler, CancellationToken ct)
    {
        var ending = Ending.Completed;
        var start = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var loop = new SamplingLoop(new TimedSource(sampler, _costMs), _settings.Interval, start) { Phase = SamplePhase.Load };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await _view.RunAsync(async show =>
        {
            loop.Sampled += sample =>
            {
                if (!sample.Alive)
                {
                    ending = Ending.ProcessExited;
                    stop.Cancel();
                    return;
                }

                _samples.Add(sample);
                if (!_settings.Quiet)
                {
                    show(WatchAnalysis.Analyze(_samples, _settings.Port != 0));
                }

                if (_samples.Count >= _settings.Count || Stopwatch.GetElapsedTime(start) >= _settings.Duration)
                {
                    stop.Cancel();
                }
            };
            loop.TakeOne();
            if (!stop.IsCancellationRequested)
            {
                await loop.RunAsync(stop.Token, takeLast: false);
            }
        });

        if (ending == Ending.Completed && ct.IsCancellationRequested)
        {
            ending = Ending.Interrupted;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Conclude(ending, Stopwatch.GetElapsedTime(start).TotalSeconds, sampler.Source, cpu);
        return ending;
    }

    private void Conclude(Ending ending, double seconds, SocketSourceKind source, TimeSpan cpu)
    {
        var pid = _settings.Pid;
        _view.Line(ending switch
        {
            Ending.ProcessExited => Text($"process {pid} exited after {seconds:0.0} s of watching"),
            Ending.Interrupted => Text($"stopped by interruption after {seconds:0.0} s"),
            _ => Text($"watched process {pid} for {seconds:0.0} s"),
        });

        if (_samples.Count > 0)
        {
            var first = _samples[0];
            var last = _samples[^1];
            var frame = WatchAnalysis.Analyze(_samples, _settings.Port != 0);
            _view.Line(Text($"  {_samples.Count} samples (TCP states from {KebabNames.Name(source)}); descriptors {first.Fds} -> {last.Fds} (peak {_samples.Max(s => s.Fds)}) of limit {last.FdLimit}; CLOSE_WAIT {frame.CloseWait}; {(frame.ByPort ? "TIME_WAIT" : "TIME_WAIT of the whole namespace (sockstat)")} {frame.TimeWait}"));
            if (frame.Projection is { } p)
            {
                _view.Line("  " + p);
            }

            _view.Line($"  diagnosis {KebabNames.Name(frame.DiagnosisKind)}: {frame.DiagnosisLine}");
        }

        if (_settings.Quiet && _costMs.Count > 0)
        {
            var sorted = _costMs.Order().ToList();
            _view.Line(Text($"  time per sample: median {sorted[sorted.Count / 2]:0.000} ms, mean {sorted.Average():0.000} ms, min {sorted[0]:0.000} ms, max {sorted[^1]:0.000} ms; CPU of this process {cpu.TotalMilliseconds / _costMs.Count:0.000} ms per sample"));
        }

        if (_settings.CsvPath is { } path)
        {
            var full = Path.GetFullPath(path);
            var temporary = full + ".tmp";
            File.WriteAllText(temporary, CsvSamples.Format(_samples));
            File.Move(temporary, full, overwrite: true);
            _view.Line($"  samples written to {full}");
        }
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Times each reading of the source, for <c>--quiet</c>'s cost line; the source itself belongs to the caller.</summary>
    private sealed class TimedSource(ISampleSource inner, List<double> costMs) : ISampleSource
    {
        public SocketSourceKind Source => inner.Source;

        public Sample Take(double seconds, SamplePhase phase)
        {
            var before = Stopwatch.GetTimestamp();
            var sample = inner.Take(seconds, phase);
            costMs.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            return sample;
        }

        public void Dispose()
        {
        }
    }
}
