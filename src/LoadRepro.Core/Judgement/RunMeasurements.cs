using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>Everything a run gathered, before it is judged.</summary>
public sealed record RunMeasurements
{
    /// <summary>The scenario run.</summary>
    public required ScenarioDefinition Scenario { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the run in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Whether a signal stopped the run early.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The target that was loaded.</summary>
    public required TargetInfo Target { get; init; }

    /// <summary>Every sample.</summary>
    public required IReadOnlyList<Sample> Samples { get; init; }

    /// <summary>Load start and stop.</summary>
    public required PhaseTimes Phases { get; init; }

    /// <summary>What the client measured.</summary>
    public required ClientSummary Client { get; init; }

    /// <summary>How the server ended, with its accept errors.</summary>
    public required ServerOutcome Server { get; init; }

    /// <summary>The first accept failure the server reported.</summary>
    public AcceptFailure? FirstAcceptFailure { get; init; }

    /// <summary>When the server exited by itself, in seconds since the run started.</summary>
    public double? ServerExitedAtSeconds { get; init; }

    /// <summary>Local ports per tuple (ip_local_port_range) on the connecting side.</summary>
    public int PortRangeSize { get; init; }

    /// <summary>The connecting side's port sysctls and path, where the run set them (the lab); null on the host.</summary>
    public ClientPortPath? ClientPorts { get; init; }

    /// <summary>The lab the run used; null on the host.</summary>
    public LabInfo? Lab { get; init; }

    /// <summary>The machine the run ran on.</summary>
    public HostInfo? Host { get; init; }

    /// <summary>Where socket states were read from.</summary>
    public SocketSourceKind SampleSource { get; init; } = SocketSourceKind.Proc;

    /// <summary>The agent that took the server-side samples on another host; null when this host took them.</summary>
    public AgentSampling? Agent { get; init; }

    /// <summary>Which requests' connections the server left after the drain; null when it could not be read (the lab's load child, no netlink).</summary>
    public LeakAttribution? Leaks { get; init; }
}
