namespace LoadRepro.Sampler.Tcp;

/// <summary>Which socket source the sampler uses.</summary>
public enum SocketSourceChoice
{
    /// <summary>Netlink when it can reach the target's namespace, else /proc (the default).</summary>
    Auto,

    /// <summary>Netlink sock_diag only; fails when the target's namespace cannot be entered.</summary>
    Netlink,

    /// <summary>/proc/PID/net/tcp and tcp6 only.</summary>
    Proc,
}
