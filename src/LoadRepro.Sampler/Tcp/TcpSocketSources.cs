namespace LoadRepro.Sampler.Tcp;

/// <summary>Picks the socket source for a target: netlink when it can reach the target's namespace, else /proc.</summary>
public static class TcpSocketSources
{
    /// <summary>Opens the source <paramref name="choice"/> asks for.</summary>
    /// <exception cref="InvalidOperationException">Netlink was required and cannot be used, with the kernel's reason.</exception>
    public static ITcpSocketSource Open(int pid, SocketSourceChoice choice)
    {
        if (choice == SocketSourceChoice.Proc)
        {
            return new Proc.ProcNetTcp(pid);
        }

        var netlink = SockDiagTcp.TryOpen(pid, out var reason);
        if (netlink is not null)
        {
            return netlink;
        }

        return choice == SocketSourceChoice.Netlink
            ? throw new InvalidOperationException($"netlink sock_diag is not usable for process {pid}: {reason}")
            : new Proc.ProcNetTcp(pid);
    }
}
