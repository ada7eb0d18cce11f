namespace LoadRepro.Core.Sysctls;

/// <summary>What a sysctl bounds, for the two failures this harness reproduces.</summary>
public enum SysctlBound
{
    /// <summary>Open descriptors: reaching the bound fails open(), socket() or accept() (EMFILE, or ENFILE machine-wide).</summary>
    Descriptors,

    /// <summary>Local port tuples on the connecting side: reaching the bound fails connect() with EADDRNOTAVAIL.</summary>
    Ports,

    /// <summary>Neither: it shapes handshakes, keep-alive or FIN_WAIT2, but no descriptor or port runs out because of it.</summary>
    Other,
}
