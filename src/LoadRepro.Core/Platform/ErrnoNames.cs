using System.Net.Sockets;

namespace LoadRepro.Core.Platform;

/// <summary>Names socket errors after errno, as the reports and gates do (docs/ARCHITECTURE.md, "Run record").</summary>
public static class ErrnoNames
{
    /// <summary>The errno name for a socket error, or its .NET name when no errno fits.</summary>
    public static string Of(SocketError error) => error switch
    {
        SocketError.TooManyOpenSockets => "EMFILE",
        SocketError.AddressNotAvailable => "EADDRNOTAVAIL",
        SocketError.ConnectionRefused => "ECONNREFUSED",
        SocketError.ConnectionReset => "ECONNRESET",
        SocketError.ConnectionAborted => "ECONNABORTED",
        SocketError.TimedOut => "ETIMEDOUT",
        SocketError.NoBufferSpaceAvailable => "ENOBUFS",
        SocketError.NetworkUnreachable => "ENETUNREACH",
        SocketError.HostUnreachable => "EHOSTUNREACH",
        SocketError.Shutdown => "EPIPE",
        SocketError.AddressAlreadyInUse => "EADDRINUSE",
        SocketError.AccessDenied => "EACCES",
        _ => error.ToString(),
    };

    /// <summary>The errno name for a raw errno from libc (the event loop's sockets), named as <see cref="Of(SocketError)"/> names the same errors.</summary>
    public static string OfErrno(int errno) => errno switch
    {
        13 => "EACCES",
        23 => "ENFILE",
        24 => "EMFILE",
        32 => "EPIPE",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        101 => "ENETUNREACH",
        103 => "ECONNABORTED",
        104 => "ECONNRESET",
        105 => "ENOBUFS",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        113 => "EHOSTUNREACH",
        _ => $"errno {errno}",
    };
}
