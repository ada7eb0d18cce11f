using System.Diagnostics;
using System.Net;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Platform;
using LoadRepro.Core.Records;
using LoadRepro.Load.Engine;
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
        var startedAt = DateTimeOffset.UtcNow;
        var runStart = Stopwatch.GetTimestamp();
        double Now() => Stopwatch.GetElapsedTime(runStart).TotalSeconds;
        var dir = RunDirectory.Create(request.ReportsFolder, scenario.Name, startedAt);
        var logFile = Path.Combine(dir, "server.log");
        Linux.RaiseSoftFileLimitToHard();

        _progress.Starting(scenario, dir);
        await using var server = await ServerProcess.StartAsync(scenario.Server, request.Port, logFile, ct);
        var sampling = new SamplingLoop(new ProcessSampler(server.Pid, server.Port), scenario.Sample.Interval, runStart);
        sampling.TakeOne();

        using var stopSampling = new CancellationTokenSource();
        var samplingTask = sampling.RunAsync(stopSampling.Token);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = server.Exited.ContinueWith(_ => stopLoad.Cancel(), TaskScheduler.Default);

        var target = new LoadTarget { EndPoint = new IPEndPoint(IPAddress.Loopback, server.Port), Host = $"127.0.0.1:{server.Port}", Path = scenario.Load.Path };
        var runner = new LoadRunner(scenario.Load, target);
        await Task.Delay(scenario.Sample.Interval, CancellationToken.None);
        sampling.Phase = SamplePhase.Load;
        var loadStart = Now();
        using var live = _progress.ShowLive(() => (Now(), sampling.Latest, runner.Metrics));
        try
        {
            await runner.RunAsync(stopLoad.Token);
        }
        catch (OperationCanceledException)
        {
        }

        var loadStop = Now();
        sampling.Phase = SamplePhase.Drain;
        if (!ct.IsCancellationRequested && !server.Exited.IsCompleted)
        {
            _progress.Draining(scenario.Sample.Drain);
            await Task.WhenAny(Task.Delay(scenario.Sample.Drain, ct), server.Exited).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await stopSampling.CancelAsync();
        await samplingTask;
        live.Dispose();
        var exitedByItself = server.ExitedByItself;
        double? exitedAt = exitedByItself ? Stopwatch.GetElapsedTime(runStart, server.ExitTimestamp).TotalSeconds : null;
        await server.DisposeAsync();

        var (firstFailure, acceptTotals) = ServerLogReader.AcceptFailures(logFile, startedAt);
        var samples = sampling.Snapshot();
        var record = RunJudgement.Judge(new RunMeasurements
        {
            Scenario = scenario,
            StartedAt = startedAt,
            WallSeconds = Now(),
            Interrupted = ct.IsCancellationRequested,
            Target = new TargetInfo { Kind = "embedded", Url = target.Url, Pid = server.Pid, MaxFds = scenario.Server.MaxFds },
            Samples = samples,
            Phases = new PhaseTimes { LoadStartSeconds = Math.Round(loadStart, 3), LoadStopSeconds = Math.Round(loadStop, 3) },
            Client = runner.Summarize(),
            Server = new ServerOutcome
            {
                Bug = ModeNames.Name(scenario.Server.Bug),
                KeepAlive = scenario.Server.KeepAlive.ToString(),
                Exited = exitedByItself,
                ExitCode = exitedByItself ? server.ExitCode : null,
                ExitReason = exitedByItself ? ExitReason(server) : null,
                AcceptErrors = acceptTotals,
            },
            FirstAcceptFailure = firstFailure,
            ServerExitedAtSeconds = exitedAt,
            PortRangeSize = PortRange.Size(),
        }) with { Host = HostEnvironment.Capture() };
        RunReports.WriteAll(dir, record, samples);
        return new RunOutcome(record, samples, dir);
    }

    private static string ExitReason(ServerProcess server)
    {
        var tail = server.StderrTail.TakeLast(5).Select(l => l.Trim()).Where(l => l.Length > 0);
        return $"exited by itself with code {server.ExitCode}; last stderr: {string.Join(" | ", tail)}";
    }
}
