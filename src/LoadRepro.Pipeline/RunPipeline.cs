using System.Diagnostics;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;
using LoadRepro.Pipeline.Host;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Reports.Writing;
using LoadRepro.Sampler.Proc;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline;

/// <summary>
/// The one way a scenario runs, whatever its site (docs/ARCHITECTURE.md): prepare the site, open the run, start the server
/// where the site puts it, sample it, run the load where the site puts it, drain, stop everything, judge, write every report.
/// Whatever happens after the run opened (interruption, the server crashing), what was measured is judged and written.
/// </summary>
public sealed class RunPipeline
{
    private static readonly TimeSpan LoadBackstop = TimeSpan.FromSeconds(30);
    private readonly IRunObserver _observer;

    /// <summary>Creates the pipeline; <paramref name="observer"/> hears what the run says as it goes.</summary>
    public RunPipeline(IRunObserver observer) => _observer = observer;

    /// <summary>Runs the plan; <paramref name="ct"/> is the interruption token. The plan's site is disposed (a lab removed) at the end.</summary>
    /// <exception cref="UserFacingException">The run could not start (not root, port busy, bad limit, unwritable folder) or its report could not be written.</exception>
    public async Task<RunResult> RunAsync(RunPlan plan, CancellationToken ct)
    {
        using var site = plan.Site;
        site.Prepare(_observer.Say);
        var scenario = plan.Scenario;
        var opening = RunOpening.Begin(plan);
        double Now() => opening.Now();

        _observer.Starting(scenario, opening.Directory, site.Server.ExternalName);
        var stage = RunStage.StartingServer;
        using var onInterrupt = ct.Register(() => _observer.Interrupted(stage, Now(), opening.Directory));
        var measurements = new RunMeasurements
        {
            Scenario = scenario,
            StartedAt = opening.StartedAt,
            WallSeconds = 0,
            Target = new TargetInfo { Kind = site.Server.Kind, Url = "", MaxFds = scenario.Server.MaxFds, Command = site.Server.Command },
            Samples = [],
            Phases = new PhaseTimes(),
            Client = new LoadMetrics().Summarize(TimeSpan.Zero),
            Server = site.Server.Kind == TargetKind.Embedded
                ? new ServerOutcome { Bug = scenario.Server.Bug, KeepAlive = scenario.Server.KeepAlive }

                // The user's own server: its modes are not ours to know.
                : new ServerOutcome { Bug = null, KeepAlive = null },
            PortRangeSize = site.PortsPerTuple,
            ClientPorts = site.ClientPorts,
            Lab = site.Lab,
            Host = HostEnvironment.Capture(),
        };
        var server = await StartServerAsync(site.Server, new ServerLaunch { Settings = scenario.Server, LogFile = opening.LogFile, Now = Now }, opening.Directory, ct);
        if (server is null)
        {
            // Interrupted before the server was ready: nothing was measured, but the run is still recorded as interrupted.
            return Write(opening.Directory, measurements with { WallSeconds = Now(), Interrupted = true }, []);
        }

        await using var serverLifetime = server;
        var processes = server.SampledPids.Select(p => new TargetProcess(p, ProcessCommand.Of(p))).ToList();
        if (processes.Count > 1)
        {
            _observer.Say($"sampling {processes.Count} processes as the server: {string.Join(", ", processes.Select(p => $"{p.Pid} ({p.Command})"))}");
        }

        using var expectExit = ct.Register(server.ExpectExit);
        using var source = new ClientSideJoin(site.Samples.ServerSide(server));
        var sampling = new SamplingLoop(source, scenario.Sample.Interval, opening.Timestamp);
        sampling.TakeOne();
        using var stopSampling = new CancellationTokenSource();
        var samplingTask = sampling.RunAsync(stopSampling.Token);

        // A second baseline sample one interval later: the state before the load is a level, not one reading.
        await Task.Delay(scenario.Sample.Interval, CancellationToken.None);
        var target = new LoadTarget { EndPoint = server.EndPoint, Host = server.Host, Path = site.Server.Path ?? scenario.Load.Path, Tls = server.Tls };

        // From here on a sample may see the load's first connections: none of them is a baseline, which is subtracted as what was there before.
        sampling.Phase = SamplePhase.Load;
        await using var load = site.Load.Start(scenario.Load, target, opening.Directory);
        using var stopOnSignal = ct.Register(load.RequestStop);
        _ = server.Exited.ContinueWith(_ => load.RequestStop(), TaskScheduler.Default);
        await load.Started;
        source.Attach(site.Samples.ClientSide(load, server.Port));
        var grace = scenario.Load.StopAfterExhaustion;
        using var stopAtLimit = ExhaustionStop.Arm(sampling, grace, at => _observer.AtLimit(at, grace!.Value), load.RequestStop);
        stage = RunStage.UnderLoad;
        var loadStart = Now();
        var live = _observer.ShowLive(() => new LiveReading(Now(), sampling.Latest, load.Progress));
        await WaitBoundedAsync(load, scenario.Load.Duration + scenario.Load.Timeout + LoadBackstop);

        var loadStop = Now();
        sampling.Phase = SamplePhase.Drain;
        stage = RunStage.Draining;
        var warmUp = Task.CompletedTask;
        if (!ct.IsCancellationRequested && !server.Exited.IsCompleted)
        {
            _observer.Draining(scenario.Sample.Drain);

            // The reports come next: their chart library is loaded and compiled while the drain waits anyway.
            warmUp = Task.Run(RunReports.WarmUp, CancellationToken.None);
            await Task.WhenAny(Task.Delay(scenario.Sample.Drain, ct), server.Exited).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await stopSampling.CancelAsync();
        await samplingTask;
        await live.DisposeAsync();
        var outcome = load.Finish();
        if (outcome.Problem is { } problem)
        {
            _observer.Say(problem);
        }

        // Before the load closes what it holds and the server stops: the sockets left now are what the drain did not clear.
        var leaks = LeakReading.Read(server, outcome);

        await load.DisposeAsync();
        var exitedByItself = server.ExitedByItself;
        double? exitedAt = exitedByItself ? Stopwatch.GetElapsedTime(opening.Timestamp, server.ExitTimestamp).TotalSeconds : null;
        await server.DisposeAsync();

        stage = RunStage.WritingReports;
        await warmUp;
        var samples = sampling.Snapshot();
        return Write(opening.Directory, measurements with
        {
            WallSeconds = Now(),
            Interrupted = ct.IsCancellationRequested,
            Target = measurements.Target with
            {
                Url = target.Url,
                Pid = server.SampledPids.Count > 0 ? server.SampledPids[0] : server.Pid,
                Processes = processes,
                MaxFds = server.AppliedFdLimit ?? samples.FirstOrDefault(x => x.Alive)?.FdLimit ?? 0,
            },
            Samples = samples,
            Phases = new PhaseTimes { LoadStartSeconds = Math.Round(loadStart, 3), LoadStopSeconds = Math.Round(loadStop, 3) },
            Client = outcome.Client,
            Server = measurements.Server with
            {
                Exited = exitedByItself,
                ExitCode = exitedByItself ? server.ExitCode : null,
                ExitReason = server.ExitReason,
                AcceptErrors = server.AcceptFailures,
            },
            FirstAcceptFailure = server.FirstAcceptFailure,
            ServerExitedAtSeconds = exitedAt,
            SampleSource = source.Source,
            Agent = site.Samples.Agent,
            Leaks = leaks,
        }, outcome.Seconds, outcome.Latency);
    }

    private static async Task<ITargetProcess?> StartServerAsync(IServerPlacement placement, ServerLaunch launch, string directory, CancellationToken ct)
    {
        try
        {
            return await placement.StartAsync(launch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (UserFacingException)
        {
            // The run never began: its message says why, and an empty run directory would only mislead later readers.
            RunDirectory.Remove(directory);
            throw;
        }
    }

    /// <summary>Waits for the load to end by its own bounds; past <paramref name="backstop"/> (a hung load) it is stopped.</summary>
    private static async Task WaitBoundedAsync(ILoadExecution load, TimeSpan backstop)
    {
        if (await Task.WhenAny(load.Done, Task.Delay(backstop, CancellationToken.None)) != load.Done)
        {
            load.RequestStop();
            await Task.WhenAny(load.Done, Task.Delay(LoadBackstop, CancellationToken.None));
        }
    }

    private static RunResult Write(string dir, RunMeasurements measurements, IReadOnlyList<ClientSecond> clientSeries, LatencyHistograms? latency = null)
    {
        var record = RunJudgement.Judge(measurements);
        try
        {
            RunReports.WriteAll(dir, record, measurements.Samples, clientSeries);
            if (latency is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(dir, LatencyLog.Name), LatencyLog.Render(latency, record.StartedAt));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException(
                $"the run ended (diagnosis {KebabNames.Name(record.Diagnosis.Kind)}, gates {(record.Passed ? "passed" : "failed")}) but its report could not be written to {dir}: " +
                $"{e.Message.TrimEnd('.')}; check the folder's space and permissions, then run again",
                ExitCodes.Environment,
                e);
        }

        return new RunResult(dir, record, measurements.Samples, clientSeries);
    }
}
