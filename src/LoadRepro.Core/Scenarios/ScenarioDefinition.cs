using LoadRepro.Core.Segments;

namespace LoadRepro.Core.Scenarios;

/// <summary>A validated scenario: what server to start, what load to drive, how to sample, what to expect.</summary>
public sealed record ScenarioDefinition
{
    /// <summary>The scenario's name, e.g. <c>close-wait-leak</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line saying what the scenario shows.</summary>
    public string Description { get; init; } = "";

    /// <summary>The file it was read from, if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Whether it must run in the network-namespace lab.</summary>
    public bool Lab { get; init; }

    /// <summary>Server settings.</summary>
    public ServerSettings Server { get; init; } = new();

    /// <summary>Load settings.</summary>
    public LoadSettings Load { get; init; } = new();

    /// <summary>Sampler settings.</summary>
    public SampleSettings Sample { get; init; } = new();

    /// <summary>Gates.</summary>
    public ExpectSettings Expect { get; init; } = new();

    /// <summary>The lab's sysctl profile (<c>scenarios/profiles/NAME.yaml</c>); null means <c>kernel-default</c>. Lab only.</summary>
    public string? Profile { get; init; }

    /// <summary>How the lab joins client and server; default <see cref="LabNetworkKind.Veth"/>. Lab only.</summary>
    public LabNetworkKind LabNetwork { get; init; } = LabNetworkKind.Veth;

    /// <summary>The share of the load this run makes (<c>run --segment i/n</c>); null for the whole load.</summary>
    public SegmentInfo? Segment { get; init; }
}
