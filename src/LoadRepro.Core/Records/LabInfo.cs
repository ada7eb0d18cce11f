using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Records;

/// <summary>The network-namespace lab a run used: where client and server ran, the profile, and the sysctls in force.</summary>
public sealed record LabInfo
{
    /// <summary>The sysctl profile's name, e.g. <c>short-port-range</c>.</summary>
    public required string Profile { get; init; }

    /// <summary>Two namespaces joined by a veth pair, or one namespace's loopback.</summary>
    public required LabNetworkKind Network { get; init; }

    /// <summary>The server's namespace.</summary>
    public required string ServerNamespace { get; init; }

    /// <summary>The client's namespace (the server's when the network is loopback).</summary>
    public required string ClientNamespace { get; init; }

    /// <summary>Each sysctl the profile set or the report explains, with the value in force in each namespace.</summary>
    public IReadOnlyList<SysctlInForce> Sysctls { get; init; } = [];

    /// <summary>Connections the client could open before EADDRNOTAVAIL, predicted and measured.</summary>
    public PortExhaustionInfo? PortExhaustion { get; init; }
}

/// <summary>One sysctl in the lab: what the profile asked for and what each namespace had during the run.</summary>
public sealed record SysctlInForce
{
    /// <summary>The value recorded for a setting this kernel does not have.</summary>
    public const string Absent = "absent";

    /// <summary>The dotted name, e.g. <c>net.ipv4.tcp_tw_reuse</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value the profile asked for; null when the profile does not set it.</summary>
    public string? Requested { get; init; }

    /// <summary>The value in force in the server's namespace; <c>absent</c> when this kernel has no such setting.</summary>
    public required string Server { get; init; }

    /// <summary>The value in force in the client's namespace; <c>absent</c> when this kernel has no such setting.</summary>
    public required string Client { get; init; }

    /// <summary>The value in force in words: one value when both namespaces agree, else <c>server X, client Y</c>.</summary>
    public string Describe() => Server == Client ? Server : $"server {Server}, client {Client}";

    /// <summary>Why a requested value is not in force (e.g. the setting was removed from the kernel); null when it is.</summary>
    public string? Note { get; init; }
}

/// <summary>Local-port exhaustion on the connecting side: the prediction from the sysctls beside what the client saw.</summary>
public sealed record PortExhaustionInfo
{
    /// <summary>Connections the client can open to the server before EADDRNOTAVAIL; null when TIME_WAIT ports are reused (no limit).</summary>
    public int? PredictedConnections { get; init; }

    /// <summary>Connections the client opened (all of them before the first EADDRNOTAVAIL when ports ran out).</summary>
    public long MeasuredConnections { get; init; }

    /// <summary>Connects that failed with EADDRNOTAVAIL.</summary>
    public long AddressNotAvailable { get; init; }

    /// <summary>Why, in words: the port range, tcp_tw_reuse and the path.</summary>
    public required string Reason { get; init; }
}
