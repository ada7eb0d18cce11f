using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Gates;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// Turns a run's measurements into its record: figures, exhaustion, diagnosis, the port-exhaustion prediction where the
/// run knows the client's port sysctls, and gates. The one place a run is judged, whatever ran it.
/// </summary>
public static class RunJudgement
{
    /// <summary>
    /// The result added beside the gates whenever the server exited by itself: a run whose server died mid-run does not
    /// pass (README, exit codes), whatever its gates say.
    /// </summary>
    public const string ServerSurvivedGate = "serverSurvived";

    /// <summary>Builds the record.</summary>
    public static RunRecord Judge(RunMeasurements m)
    {
        var samples = m.Samples;
        var alive = samples.Where(s => s.Alive).ToList();
        var baseline = alive.LastOrDefault(s => s.Phase == SamplePhase.Baseline) ?? alive.FirstOrDefault();
        var load = m.Scenario.Load;
        var exhaustion = ExhaustionDetector.Detect(new ExhaustionEvidence
        {
            Samples = samples,
            LoadStartSeconds = m.Phases.LoadStartSeconds,
            FirstAcceptFailure = m.FirstAcceptFailure,
            AcceptFailures = m.Server.AcceptErrors.Values.Sum(),
            ServerExitedAtSeconds = m.ServerExitedAtSeconds,
            ServerExitCode = m.Server.ExitCode,
            ServerExitReason = m.Server.ExitReason,
        });
        var diagnosis = DiagnosisRules.Diagnose(new DiagnosisInput
        {
            Samples = samples,
            LoadStartSeconds = m.Phases.LoadStartSeconds,
            LoadStopSeconds = m.Phases.LoadStopSeconds,
            FdLimit = m.Target.MaxFds,
            Client = m.Client,
            PortRangeSize = m.PortRangeSize,
            ExhaustionSeconds = exhaustion.FirstAtSeconds,
            Port = BaselinePiles.PortOf(m.Target.Url),
        });
        var record = new RunRecord
        {
            Scenario = m.Scenario.Name,
            StartedAt = m.StartedAt,
            DurationSeconds = Math.Round(m.WallSeconds, 2),
            Interrupted = m.Interrupted,
            Target = m.Target,
            Server = m.Server,
            Load = new LoadInfo
            {
                Model = load.Model,
                Connection = load.Connection,
                Http = load.Http,
                Rate = load.Rate,
                Concurrency = load.Concurrency,
                DurationSeconds = load.Duration.TotalSeconds,
                MaxRequests = load.MaxRequests,
            },
            Client = m.Client,
            Samples = new SampleInfo { Count = samples.Count, TcpCarried = samples.Count(s => s.TcpCarried), IntervalMs = m.Scenario.Sample.Interval.TotalMilliseconds, Source = m.SampleSource, Agent = m.Agent },
            Phases = m.Phases,
            Baseline = baseline is null ? new Figures() : Figures.Of(baseline),
            Peak = Figures.PeakOf(alive),
            Final = alive.Count == 0 ? new Figures() : Figures.Of(alive[^1]),
            Exhaustion = exhaustion,
            Diagnosis = diagnosis,
            Leaks = m.Leaks,
            ServerCpu = ServerCpuWindow.Measure(samples, m.Phases, m.Client.RequestsOk),
            Host = m.Host,
            Segment = m.Scenario.Segment,
        };
        record = WithPortPrediction(record, m);
        var gates = GateEvaluator.Evaluate(m.Scenario.Expect, record);
        if (ServerSurvival(m.Scenario.Expect, record) is { } survival)
        {
            gates = [.. gates, survival];
        }

        return record with { Gates = gates, Passed = gates.All(g => g.Passed) };
    }

    /// <summary>
    /// Null while the server ran until the run stopped it. When it exited by itself, a failed result naming why; it holds
    /// only where the scenario's own <c>expect:</c> makes the death the point: it expects EMFILE and the run reached it, so
    /// a server that died of its descriptors is what the scenario reproduces (no shipped scenario's server dies).
    /// </summary>
    private static GateResult? ServerSurvival(ExpectSettings expect, RunRecord record)
    {
        if (!record.Server.Exited)
        {
            return null;
        }

        var diedOfExpectedExhaustion = expect.Exhaustion == true && record.Exhaustion.Reached;
        return new GateResult
        {
            Name = ServerSurvivedGate,
            Limit = diedOfExpectedExhaustion
                ? "the server runs until the run stops it, or dies of the EMFILE the scenario expects"
                : "the server runs until the run stops it",
            Actual = record.Server.ExitReason ?? string.Create(CultureInfo.InvariantCulture, $"exited by itself with code {record.Server.ExitCode}"),
            Passed = diedOfExpectedExhaustion,
        };
    }

    /// <summary>
    /// The lab's port prediction beside the measurement; the diagnosis explains ports only where they matter: on the side that
    /// closes first, where the client held the TIME_WAIT or ran out.
    /// </summary>
    private static RunRecord WithPortPrediction(RunRecord record, RunMeasurements m)
    {
        if (m.Lab is not { } lab)
        {
            return record;
        }

        if (m.ClientPorts is not { } path)
        {
            return record with { Lab = lab };
        }

        var load = m.Scenario.Load;
        var client = m.Client;
        var ports = PortExhaustionPrediction.Predict(
            new PortExhaustionPrediction.Conditions
            {
                PortsPerTuple = path.PortsPerTuple,
                TwReuse = path.TwReuse,
                Timestamps = path.Timestamps,
                ReuseDelayMs = path.ReuseDelayMs,
                Loopback = path.Loopback,
                ConnectionsPerSecond = load.Model == LoadModelKind.Rate ? load.Rate : client.ThroughputRps,
                PlannedConnections = load.Model == LoadModelKind.Rate
                    ? Math.Min(load.MaxRequests, (long)(load.Rate * load.Duration.TotalSeconds))
                    : load.MaxRequests,
            },
            client.ConnectionsOpened,
            client.Errors.GetValueOrDefault("EADDRNOTAVAIL"));
        var explain = ports.AddressNotAvailable > 0 || record.Peak.ClientTcp.TimeWait > record.Peak.Tcp.TimeWait;
        return record with
        {
            Diagnosis = explain ? record.Diagnosis with { Summary = $"{record.Diagnosis.Summary} {ports.Reason}" } : record.Diagnosis,
            Lab = lab with { PortExhaustion = ports },
        };
    }
}
