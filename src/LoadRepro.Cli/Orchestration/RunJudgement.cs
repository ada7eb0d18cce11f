using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Gates;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Orchestration;

/// <summary>Turns a run's measurements into its record: figures, exhaustion, diagnosis, gates.</summary>
public static class RunJudgement
{
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
                Model = ScenarioParser.Name(load.Model),
                Connection = ScenarioParser.Name(load.Connection),
                Http = load.Http,
                Rate = load.Rate,
                Concurrency = load.Concurrency,
                DurationSeconds = load.Duration.TotalSeconds,
                MaxRequests = load.MaxRequests,
            },
            Client = m.Client,
            Samples = new SampleInfo { Count = samples.Count, IntervalMs = m.Scenario.Sample.Interval.TotalMilliseconds },
            Phases = m.Phases,
            Baseline = baseline is null ? new Figures() : Figures.Of(baseline),
            Peak = Figures.PeakOf(alive),
            Final = alive.Count == 0 ? new Figures() : Figures.Of(alive[^1]),
            Exhaustion = exhaustion,
            Diagnosis = diagnosis,
        };
        var gates = GateEvaluator.Evaluate(m.Scenario.Expect, record);
        return record with { Gates = gates, Passed = gates.All(g => g.Passed) };
    }
}
