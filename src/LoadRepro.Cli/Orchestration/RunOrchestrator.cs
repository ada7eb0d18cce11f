using System.Diagnostics;
using System.Net;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Cli.Orchestration;

/// <summary>
/// Runs one scenario end to end: server child under its limit, sampler, load, drain, record, reports.
/// Whatever happens after the server started (interruption, server crash), what was measured is written.
/// </summary>
public sealed class RunOrchestrator
{
    private readonly RunProgress _progress;

    /// <summary>Creates the orchestrator with its console.</summary>
    public RunOrchestrator(RunProgress progress) => _progress = progress;

    /// <summary>Runs the scenario; <paramref name="ct"/> is the interruption token.</summary>
    /// <exception cref="UserFacingException">The run could not start (port busy, bad limit, unwritable folder).</exception>
    public async Task<RunOutcome> RunAsync(RunRequest request, CancellationToken ct)
    {
        var scenario = request.Scenario;
        var opening = RunOpening.Begin(request);
        var (startedAt, runStart, dir, logFile) = (opening.StartedAt, opening.Timestamp, opening.Directory, opening.LogFile);
        double Now() => opening.Now();

        _progress.Starting(scenario, dir, request.Target is { } t ? $"http://{t.Host}{t.Path} (PID {t.Pid})" : null);
        var stage = RunStage.StartingServer;
        using var onInterrupt = ct.Register(() => _progress.Interrupted(stage, Now(), dir));
        var external = request.Target;
        await using var server = external is null
            ? await StartServerAsync(request, logFile, dir, ct)
            : ExternalProcess.Watch(external);
        if (server is null)
        {
            // Interrupted before the server was ready: nothing was measured, but the run is still recorded as interrupted.
            var notStarted = new LoadTarget { EndPoint = new IPEndPoint(IPAddress.Loopback, request.Port), Host = $"127.0.0.1:{request.Port}", Path = scenario.Load.Path };
            return Write(dir, RunJudgement.Judge(new RunMeasurements
            {
                Scenario = scenario,
                StartedAt = startedAt,
                WallSeconds = Now(),
                Interrupted = true,
                Target = new TargetInfo { Kind = "embedded", Url = notStarted.Url, MaxFds = scenario.Server.MaxFds },
                Samples = [],
                Phases = new PhaseTimes(),
                Client = new LoadMetrics().Summarize(TimeSpan.Zero),
                Server = new ServerOutcome { Bug = ModeNames.Name(scenario.Server.Bug), KeepAlive = scenario.Server.KeepAlive.ToString() },
                PortRangeSize = PortRange.Size(),
            }), [], []);
        }

        using var expectExit = ct.Register(server.ExpectExit);
        using var sampler = new ProcessSampler(server.Pid, server.Port);
        var sampling = new SamplingLoop(sampler, scenario.Sample.Interval, runStart);
        sampling.TakeOne();

        using var stopSampling = new CancellationTokenSource();
        var samplingTask = sampling.RunAsync(stopSampling.Token);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = server.Exited.ContinueWith(_ => stopLoad.Cancel(), TaskScheduler.Default);

        var target = external is null
            ? new LoadTarget { EndPoint = new IPEndPoint(IPAddress.Loopback, server.Port), Host = $"127.0.0.1:{server.Port}", Path = scenario.Load.Path }
            : new LoadTarget { EndPoint = external.EndPoint, Host = external.Host, Path = external.Path };
        await using var runner = new LoadRunner(scenario.Load, target);
        using var stopAtLimit = ExhaustionStop.Arm(sampling, scenario.Load.StopAfterExhaustion, at => _progress.AtLimit(at, scenario.Load.StopAfterExhaustion!.Value), stopLoad.Cancel);
        await Task.Delay(scenario.Sample.Interval, CancellationToken.None);
        sampling.Phase = SamplePhase.Load;
        stage = RunStage.UnderLoad;
        var loadStart = Now();
        var live = _progress.ShowLive(() => (Now(), sampling.Latest, runner.Metrics));
        try
        {
            await runner.RunAsync(stopLoad.Token);
        }
        catch (OperationCanceledException)
        {
        }

        var loadStop = Now();
        sampling.Phase = SamplePhase.Drain;
        stage = RunStage.Draining;
        if (!ct.IsCancellationRequested && !server.Exited.IsCompleted)
        {
            _progress.Draining(scenario.Sample.Drain);
            await Task.WhenAny(Task.Delay(scenario.Sample.Drain, ct), server.Exited).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await stopSampling.CancelAsync();
        await samplingTask;
        await live.DisposeAsync();
        var exitedByItself = server.ExitedByItself;
        double? exitedAt = exitedByItself ? Stopwatch.GetElapsedTime(runStart, server.ExitTimestamp).TotalSeconds : null;
        await server.DisposeAsync();

        stage = RunStage.WritingReports;
        var (firstFailure, acceptTotals) = ServerLogReader.AcceptFailures(logFile, startedAt);
        var samples = sampling.Snapshot();
        var record = RunJudgement.Judge(new RunMeasurements
        {
            Scenario = scenario,
            StartedAt = startedAt,
            WallSeconds = Now(),
            Interrupted = ct.IsCancellationRequested,
            Target = new TargetInfo
            {
                Kind = external is null ? "embedded" : "external",
                Url = target.Url,
                Pid = server.Pid,
                MaxFds = external is null ? scenario.Server.MaxFds : samples.FirstOrDefault(x => x.Alive)?.FdLimit ?? 0,
            },
            Samples = samples,
            Phases = new PhaseTimes { LoadStartSeconds = Math.Round(loadStart, 3), LoadStopSeconds = Math.Round(loadStop, 3) },
            Client = runner.Summarize(),
            Server = new ServerOutcome
            {
                Bug = external is null ? ModeNames.Name(scenario.Server.Bug) : "unknown",
                KeepAlive = external is null ? scenario.Server.KeepAlive.ToString() : "unknown",
                Exited = exitedByItself,
                ExitCode = exitedByItself ? server.ExitCode : null,
                ExitReason = exitedByItself ? ExitReason(server) : null,
                AcceptErrors = acceptTotals,
            },
            FirstAcceptFailure = firstFailure,
            ServerExitedAtSeconds = exitedAt,
            PortRangeSize = PortRange.Size(),
        }) with { Host = HostEnvironment.Capture() };
        record = record with { Samples = record.Samples with { Source = sampler.Source } };
        return Write(dir, record, samples, runner.TimeSeries.Rows);
    }

    private static async Task<ITargetProcess?> StartServerAsync(RunRequest request, string logFile, string dir, CancellationToken ct)
    {
        try
        {
            return await ServerProcess.StartAsync(request.Scenario.Server, request.Port, logFile, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (UserFacingException)
        {
            // The run never began: its message says why, and an empty run directory would only mislead later readers.
            RunDirectory.Remove(dir);
            throw;
        }
    }

    private static RunOutcome Write(string dir, RunRecord record, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> clientSeries)
    {
        try
        {
            RunReports.WriteAll(dir, record, samples, clientSeries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException(
                $"the run ended (diagnosis {record.Diagnosis.Kind}, gates {(record.Passed ? "passed" : "failed")}) but its report could not be written to {dir}: " +
                $"{e.Message.TrimEnd('.')}; check the folder's space and permissions, then run again",
                ExitCodes.Environment,
                e);
        }

        return new RunOutcome(record, samples, dir, clientSeries);
    }

    private static string ExitReason(ITargetProcess target)
    {
        if (target is not ServerProcess server)
        {
            return "the target process exited during the run";
        }

        var tail = server.StderrTail.TakeLast(5).Select(l => l.Trim()).Where(l => l.Length > 0);
        return $"exited by itself with code {server.ExitCode}; last stderr: {string.Join(" | ", tail)}";
    }
}
