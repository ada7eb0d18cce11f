using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Orchestration;

/// <summary>A scenario to run, with where its report goes.</summary>
public sealed record RunRequest
{
    /// <summary>The scenario, with command-line overrides applied.</summary>
    public required ScenarioDefinition Scenario { get; init; }

    /// <summary>The folder the run's directory is created in.</summary>
    public required string ReportsFolder { get; init; }

    /// <summary>The server's port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The user's own server to load and sample instead of the embedded one (<c>--target</c>); null for the embedded server.</summary>
    public ExternalTarget? Target { get; init; }
}
