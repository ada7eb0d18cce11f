namespace LoadRepro.Core.Records;

/// <summary>Where the sampler read TCP socket states from.</summary>
public enum SocketSourceKind
{
    /// <summary><c>/proc/PID/net/tcp</c> and <c>tcp6</c>.</summary>
    Proc,

    /// <summary>Netlink sock_diag, inside the target's network namespace.</summary>
    Netlink,
}
