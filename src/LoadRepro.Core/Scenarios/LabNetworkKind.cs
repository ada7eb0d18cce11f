namespace LoadRepro.Core.Scenarios;

/// <summary>How the lab joins client and server (<c>labNetwork:</c>).</summary>
public enum LabNetworkKind
{
    /// <summary>Two namespaces joined by a veth pair: a real interface, where tcp_tw_reuse=2 does not apply. The default.</summary>
    Veth,

    /// <summary>Client and server in one namespace over its loopback: where tcp_tw_reuse=2 reuses TIME_WAIT ports.</summary>
    Loopback,
}
