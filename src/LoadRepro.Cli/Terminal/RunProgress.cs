using System.Globalization;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Terminal;

/// <summary>What a run prints while it goes: a start line, a progress line a second, and the result.</summary>
public sealed class RunProgress : IRunObserver
{
    private readonly TextWriter _out;
    private readonly bool _live;
    private LiveRunView? _view;

    /// <summary>Prints to <paramref name="output"/>; <paramref name="live"/> draws a live table instead of progress lines (for a terminal).</summary>
    public RunProgress(TextWriter output, bool live = false)
    {
        _out = output;
        _live = live;
    }

    /// <inheritdoc />
    public void Starting(ScenarioDefinition scenario, string directory, string? externalTarget)
    {
        var s = scenario;
        Write((externalTarget is null ? $"{s.Name}: server bug {KebabNames.Name(s.Server.Bug)}, keep-alive {s.Server.KeepAlive}, descriptor limit {s.Server.MaxFds}; " : $"{s.Name}: target {externalTarget}; ") +
              $"load {KebabNames.Name(s.Load.Connection)} HTTP/{s.Load.Http} {(s.Load.Model == LoadModelKind.Rate ? $"{s.Load.Rate}/s" : $"{s.Load.Concurrency} workers")} for {DurationText.Format(s.Load.Duration)}; report in {directory}");
    }

    /// <inheritdoc />
    public void AtLimit(double seconds, TimeSpan grace) =>
        Say($"descriptors at the limit {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s into the run (EMFILE): the load stops in {DurationText.Format(grace)} (stopAfterExhaustion)");

    /// <inheritdoc />
    public void Draining(TimeSpan drain) => Say($"load stopped; sampling {DurationText.Format(drain)} more while sockets drain");

    /// <inheritdoc />
    public void Interrupted(RunStage stage, double seconds, string directory)
    {
        var at = seconds.ToString("0.0", CultureInfo.InvariantCulture);
        Say(stage switch
        {
            RunStage.StartingServer => $"interrupted while starting the test server ({at} s): stopping it; recording the interrupted run in {directory}",
            RunStage.UnderLoad => $"interrupted under load at {at} s: stopping the load and the test server; writing a partial report in {directory}",
            RunStage.Draining => $"interrupted while draining at {at} s: stopping the test server; writing a partial report in {directory}",
            _ => $"interrupted at {at} s while writing the reports: everything was measured, finishing them in {directory}",
        });
    }

    /// <summary>Shows progress until disposed: a live table on a terminal, else a progress line every second.</summary>
    public IAsyncDisposable ShowLive(Func<LiveReading> read)
    {
        if (_live)
        {
            return _view = LiveRunView.Start(read, _out);
        }

        var cts = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(cts.Token))
                {
                    var (t, s, m) = read();
                    s = s is { Alive: true } ? s : null;
                    Write(s is null
                        ? $"{t,5:0.0} s  ok {m.Ok}  failed {m.Failed}  server not running"
                        : $"{t,5:0.0} s  ok {m.Ok}  failed {m.Failed}  server: descriptors {s.Fds}/{s.FdLimit}  CLOSE_WAIT {s.Tcp.CloseWait}  ESTABLISHED {s.Tcp.Established}  TIME_WAIT {s.Tcp.TimeWait}  client: TIME_WAIT {s.ClientTcp.TimeWait}  CPU {s.CpuPercent:0}%");
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return new Stopper(cts);
    }

    /// <summary>Prints the result lines.</summary>
    public void Result(RunRecord r, string dir)
    {
        Write($"{r.Scenario}: diagnosis {KebabNames.Name(r.Diagnosis.Kind)}; gates {(r.Passed ? "passed" : "FAILED")}{(r.Interrupted ? " (interrupted: partial run)" : "")}");
        Write($"  peak CLOSE_WAIT {Pile(r.Peak.Tcp.CloseWait, r.Baseline.Tcp.CloseWait)} (server side), peak TIME_WAIT {Pile(r.Peak.Tcp.TimeWait, r.Baseline.Tcp.TimeWait)} server side / {Pile(r.Peak.ClientTcp.TimeWait, r.Baseline.ClientTcp.TimeWait)} client side");
        Write($"  peak descriptors {r.Peak.Fds} of limit {r.Target.MaxFds} (baseline {r.Baseline.Fds}, final {r.Final.Fds})");
        Write(r.Exhaustion.Reached
            ? $"  EMFILE first seen {r.Exhaustion.FirstAtSeconds:0.00} s after the load started{(r.Diagnosis.ProjectedExhaustionSeconds is { } p ? $" (predicted {p:0.0} s)" : "")}"
            : "  EMFILE not reached");
        Write($"  requests {r.Client.RequestsOk} ok, {r.Client.RequestsFailed} failed{Errors(r)}; {r.Client.ThroughputRps:0} requests/s; p99 {r.Client.LatencyMs.P99:0.##} ms");
        if (r.ServerCpu is { } cpu)
        {
            Write($"  server CPU {cpu.Text()}");
        }

        if (r.Client.Tls is { } tls)
        {
            Write($"  {tls.Sentence()}");
        }

        if (r.Leaks is { } leaks && leaks.IsWorthSaying())
        {
            Write($"  connections left after the drain, by request: {leaks.Summary}");
        }

        if (r.Server.Exited)
        {
            Write($"  server {r.Server.ExitReason}");
        }

        foreach (var g in r.Gates.Where(g => !g.Passed))
        {
            Write($"  gate {g.Name} failed: expected {g.Limit}, got {g.Actual}");
        }

        Write($"  wall time {r.DurationSeconds:0.0} s");
        Write($"  report: {Path.Combine(dir, "report.md")} and report.html");
    }

    /// <summary>A peak with what was already on the port when the load started (an earlier run's TIME_WAIT), so the run is not credited with it.</summary>
    private static string Pile(int peak, int baseline) =>
        baseline == 0 ? peak.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{peak} ({baseline} already there, {peak - baseline} added)");

    private static string Errors(RunRecord r) =>
        r.Client.Errors.Count == 0 ? "" : " (" + string.Join(", ", r.Client.Errors.Select(e => $"{e.Key} {e.Value}")) + ")";

    private void Write(FormattableString line) => Write(line.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public void Say(string line)
    {
        if (_view is { } view)
        {
            // Lines written under a live table would tear it: the table shows the line instead.
            view.Status = line;
            return;
        }

        Write(line);
    }

    private void Write(string line)
    {
        lock (_out)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    private sealed class Stopper(CancellationTokenSource cts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!cts.IsCancellationRequested)
            {
                await cts.CancelAsync();
            }
        }
    }
}
