using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline.Servers;

/// <summary>What a run gives the placement to start its server with.</summary>
public sealed record ServerLaunch
{
    /// <summary>The scenario's server settings (bug, keep-alive, descriptor limit).</summary>
    public required ServerSettings Settings { get; init; }

    /// <summary>The server's log file in the run directory.</summary>
    public required string LogFile { get; init; }

    /// <summary>The run's clock: seconds since the run started.</summary>
    public required Func<double> Now { get; init; }
}
