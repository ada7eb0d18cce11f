using System.Diagnostics;
using System.Globalization;
using LoadRepro.Cli.Orchestration;
using LoadRepro.Cli.Terminal;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Reports.Writing;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Cli.Lab;

/// <summary>
/// Runs one scenario in the lab (shared/DESIGN.md §7): the server inside the server namespace, the load as a child inside the
/// client namespace, the sampler reading each namespace through a PID in it (/proc/PID/net). The lab is removed at the end,
/// on failure and on Ctrl-C; labs of killed runs are removed first.
/// </summary>
public sealed class LabRunOrchestrator
{
    private readonly RunProgress _progress;
    private readonly TextWriter _out;

    /// <summary>Creates the orchestrator with its console.</summary>
    public LabRunOrchestrator(RunProgress progress, TextWriter output)
    {
        _progress = progress;
        _out = output;
    }

    /// <summary>Runs the scenario in a lab with <paramref name="profile"/>; <paramref name="ct"/> is the interruption token.</summary>
    /// <exception cref="UserFacingException">Not root, the lab could not be built, or the server did not start.</exception>
    public async Task<RunOutcome> RunAsync(RunRequest request, SysctlProfile profile, CancellationToken ct)
    {
        LabEnvironment.RequireRoot();
        foreach (var name in StaleLabs.Clean())
        {
            Line($"removed {name}, left by a lab run that is gone");
        }

        var scenario = request.Scenario;
        var opening = RunOpening.Begin(request);
        var (startedAt, runStart, dir, logFile) = (opening.StartedAt, opening.Timestamp, opening.Directory, opening.LogFile);
        double Now() => opening.Now();

        _progress.Starting(scenario, dir);
        using var lab = LabEnvironment.Create(scenario.LabNetwork, profile);
        Line(lab.Describe());
        foreach (var s in lab.Sysctls.Where(s => s.Note is not null))
        {
            Line($"  {s.Name} = {s.Requested}: {s.Note}");
        }

        await using var server = await ServerProcess.StartAsync(scenario.Server, request.Port, logFile, ct, lab.ServerNamespace, lab.ServerAddress.ToString());
        var interval = scenario.Sample.Interval;
        using var serverSampler = new ProcessSampler(server.Pid, server.Port);
        var serverSampling = new SamplingLoop(serverSampler, interval, runStart);
        serverSampling.TakeOne();
        using var stopSampling = new CancellationTokenSource();
        var serverSamplingTask = serverSampling.RunAsync(stopSampling.Token);

        await using var load = LoadChild.Start(
            lab.ClientNamespace,
            new LabLoadRequest { Load = scenario.Load, Address = lab.ServerAddress.ToString(), Port = server.Port },
            Path.Combine(dir, "lab-load.json"),
            Path.Combine(dir, "lab-client.json"));
        using var stopOnSignal = ct.Register(load.Stop);
        _ = server.Exited.ContinueWith(_ => load.Stop(), TaskScheduler.Default);
        await load.Started;

        // Only now is the child inside the client namespace (ip netns exec enters it, then execs us): a sampler made
        // earlier would bind its netlink socket to the host's namespace and see none of the client's sockets.
        using var clientSampler = new ProcessSampler(load.Pid, server.Port);
        var clientSampling = new SamplingLoop(clientSampler, interval, runStart);
        var clientSamplingTask = clientSampling.RunAsync(stopSampling.Token);
        using var stopAtLimit = ExhaustionStop.Arm(serverSampling, scenario.Load.StopAfterExhaustion, at => _progress.AtLimit(at, scenario.Load.StopAfterExhaustion!.Value), load.Stop);
        serverSampling.Phase = clientSampling.Phase = SamplePhase.Load;
        var loadStart = Now();
        using (ShowLive(Now, serverSampling, clientSampling, load))
        {
            // Bounded: the child stops by its own duration and request cap; this is the backstop if it hangs.
            await Task.WhenAny(load.Done, Task.Delay(scenario.Load.Duration + scenario.Load.Timeout + TimeSpan.FromSeconds(30), CancellationToken.None));
        }

        var loadStop = Now();
        serverSampling.Phase = clientSampling.Phase = SamplePhase.Drain;
        if (!ct.IsCancellationRequested && !server.Exited.IsCompleted)
        {
            _progress.Draining(scenario.Sample.Drain);
            await Task.WhenAny(Task.Delay(scenario.Sample.Drain, ct), server.Exited).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await stopSampling.CancelAsync();
        await Task.WhenAll(serverSamplingTask, clientSamplingTask);
        var (client, problem) = load.ReadSummary();
        if (problem is not null)
        {
            Line(problem);
        }

        await load.DisposeAsync();
        var exitedByItself = server.ExitedByItself;
        double? exitedAt = exitedByItself ? Stopwatch.GetElapsedTime(runStart, server.ExitTimestamp).TotalSeconds : null;
        await server.DisposeAsync();

        var samples = lab.Network == LabNetworkKind.Veth
            ? WithClientSide(serverSampling.Snapshot(), clientSampling.Snapshot())
            : serverSampling.Snapshot();
        var (firstFailure, acceptTotals) = ServerLogReader.AcceptFailures(logFile, startedAt);
        var portsPerTuple = PortsPerTuple(lab);
        var record = RunJudgement.Judge(new RunMeasurements
        {
            Scenario = scenario,
            StartedAt = startedAt,
            WallSeconds = Now(),
            Interrupted = ct.IsCancellationRequested,
            Target = new TargetInfo
            {
                Kind = "embedded",
                Url = string.Create(CultureInfo.InvariantCulture, $"http://{lab.ServerAddress}:{server.Port}{scenario.Load.Path}"),
                Pid = server.Pid,
                MaxFds = scenario.Server.MaxFds,
            },
            Samples = samples,
            Phases = new PhaseTimes { LoadStartSeconds = Math.Round(loadStart, 3), LoadStopSeconds = Math.Round(loadStop, 3) },
            Client = client,
            Server = new ServerOutcome
            {
                Bug = ModeNames.Name(scenario.Server.Bug),
                KeepAlive = scenario.Server.KeepAlive.ToString(),
                Exited = exitedByItself,
                ExitCode = exitedByItself ? server.ExitCode : null,
                ExitReason = exitedByItself ? $"exited by itself with code {server.ExitCode}; last stderr: {string.Join(" | ", server.StderrTail.TakeLast(5))}" : null,
                AcceptErrors = acceptTotals,
            },
            FirstAcceptFailure = firstFailure,
            ServerExitedAtSeconds = exitedAt,
            PortRangeSize = portsPerTuple,
        });
        var ports = PortExhaustionPrediction.Predict(
            new PortExhaustionPrediction.Conditions
            {
                PortsPerTuple = portsPerTuple,
                TwReuse = ClientInt(lab, "net.ipv4.tcp_tw_reuse") ?? 2,
                Timestamps = ClientInt(lab, "net.ipv4.tcp_timestamps") != 0,
                ReuseDelayMs = ClientInt(lab, "net.ipv4.tcp_tw_reuse_delay") ?? 1000,
                Loopback = lab.Network == LabNetworkKind.Loopback,
                ConnectionsPerSecond = scenario.Load.Model == LoadModelKind.Rate ? scenario.Load.Rate : client.ThroughputRps,
                PlannedConnections = scenario.Load.Model == LoadModelKind.Rate
                    ? Math.Min(scenario.Load.MaxRequests, (long)(scenario.Load.Rate * scenario.Load.Duration.TotalSeconds))
                    : scenario.Load.MaxRequests,
            },
            client.ConnectionsOpened,
            client.Errors.GetValueOrDefault("EADDRNOTAVAIL"));
        record = record with
        {
            Samples = record.Samples with { Source = serverSampler.Source },

            // Ports matter on the side that closes first: explain them only where the client held the TIME_WAIT or ran out.
            Diagnosis = ports.AddressNotAvailable > 0 || record.Peak.ClientTcp.TimeWait > record.Peak.Tcp.TimeWait
                ? record.Diagnosis with { Summary = $"{record.Diagnosis.Summary} {ports.Reason}" }
                : record.Diagnosis,
            Lab = new LabInfo
            {
                Profile = profile.Name,
                Network = ScenarioParser.Name(lab.Network),
                ServerNamespace = lab.ServerNamespace,
                ClientNamespace = lab.ClientNamespace,
                Sysctls = lab.Sysctls,
                PortExhaustion = ports,
            },
        };
        RunReports.WriteAll(dir, record, samples, []);
        return new RunOutcome(record, samples, dir, []);
    }

    /// <summary>
    /// Over the veth the client's sockets live in the client namespace, which the server's /proc/PID/net does not show: each
    /// server sample takes the client-side states of the client sample nearest in time.
    /// </summary>
    private static List<Sample> WithClientSide(IReadOnlyList<Sample> server, IReadOnlyList<Sample> client)
    {
        var alive = client.Where(c => c.Alive).ToList();
        return server.Select(s =>
        {
            var nearest = alive.Count == 0 ? null : alive.MinBy(c => Math.Abs(c.Seconds - s.Seconds));
            return nearest is null ? s : s with { ClientTcp = nearest.ClientTcp };
        }).ToList();
    }

    private static int PortsPerTuple(LabEnvironment lab) =>
        lab.Sysctls.FirstOrDefault(s => s.Name == "net.ipv4.ip_local_port_range") is { } r && Core.Sysctls.LocalPortRange.PortsPerTuple(r.Client) is { } n
            ? n
            : 60999 - 32768 + 1;

    private static int? ClientInt(LabEnvironment lab, string name) =>
        lab.Sysctls.FirstOrDefault(s => s.Name == name) is { } s && int.TryParse(s.Client, CultureInfo.InvariantCulture, out var v) ? v : null;

    private LiveStop ShowLive(Func<double> now, SamplingLoop server, SamplingLoop client, LoadChild load)
    {
        var cts = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(cts.Token))
                {
                    var s = server.Latest;
                    var c = client.Latest;
                    Line(string.Create(CultureInfo.InvariantCulture,
                        $"{now(),5:0.0} s  ok {load.Ok}  failed {load.Failed}  server: descriptors {s?.Fds}/{s?.FdLimit}  CLOSE_WAIT {s?.Tcp.CloseWait}  TIME_WAIT {s?.Tcp.TimeWait}  client: TIME_WAIT {c?.ClientTcp.TimeWait}"));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return new LiveStop(cts);
    }

    private void Line(string text)
    {
        lock (_out)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }

    private sealed class LiveStop(CancellationTokenSource cts) : IDisposable
    {
        public void Dispose()
        {
            cts.Cancel();
            cts.Dispose();
        }
    }
}
