using System.Net;

namespace LoadRepro.Server.Control;

/// <summary>
/// Who may use the control endpoint: loopback callers only. The endpoint is bound to 127.0.0.1 already; this check
/// holds even if someone binds it wider, since switching a server's bugs from the network must never be possible.
/// </summary>
public static class ControlAccess
{
    /// <summary>True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for anything else, and for an unknown caller.</summary>
    public static bool IsAllowed(IPAddress? caller) =>
        caller is not null && IPAddress.IsLoopback(caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller);
}
