using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline;

/// <summary>One run to make: the scenario (overrides applied), where its report goes, and the site that places it.</summary>
public sealed record RunPlan
{
    /// <summary>The scenario, with command-line overrides applied.</summary>
    public required ScenarioDefinition Scenario { get; init; }

    /// <summary>The folder the run's directory is created in.</summary>
    public required string ReportsFolder { get; init; }

    /// <summary>Where the run happens: its server, load and sample placements.</summary>
    public required IRunSite Site { get; init; }
}
