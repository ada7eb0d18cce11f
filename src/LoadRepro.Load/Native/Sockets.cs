using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoadRepro.Load.Native;

/// <summary>
/// The libc calls of the event loop: non-blocking TCP sockets and epoll, straight to the kernel, so a request costs the
/// system calls it needs and nothing on top. Every call returns what libc returns; errors are errno values.
/// </summary>
internal static unsafe partial class Sockets
{
    public const int EAgain = 11;
    public const int EInProgress = 115;
    public const int EIntr = 4;
    private const int ENoSys = 38;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 0x80000000;
    private const int SockStreamNonBlockCloexec = 1 | 0x800 | 0x80000;
    private const int EpollCloexec = 0x80000;
    private const int EpollCtlAdd = 1;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int MsgNoSignal = 0x4000;

    private static bool _millisecondsOnly;

    /// <summary>True where the loop's layouts hold: Linux on x86-64 (elsewhere the runtime's sockets carry the load).</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>The last errno.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();

    /// <summary>A new epoll instance; -1 with errno set.</summary>
    public static int CreateEpoll() => EpollCreate1(EpollCloexec);

    /// <summary>A non-blocking TCP socket of <paramref name="family"/> with TCP_NODELAY; -1 with errno set.</summary>
    public static int OpenTcp(AddressFamily family)
    {
        var fd = Socket(family == AddressFamily.InterNetworkV6 ? 10 : 2, SockStreamNonBlockCloexec, 0);
        if (fd >= 0)
        {
            var one = 1;
            _ = SetSockOpt(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
        }

        return fd;
    }

    /// <summary>Starts connecting <paramref name="fd"/> to the socket address <paramref name="address"/>: 0, or an errno (<see cref="EInProgress"/> while the handshake runs).</summary>
    public static int Connect(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            return ConnectRaw(fd, a, address.Length) == 0 ? 0 : LastErrno;
        }
    }

    /// <summary>Watches <paramref name="fd"/> for input, output, the peer's close and errors, edge-triggered, tagged <paramref name="data"/>; 0 or an errno.</summary>
    public static int Watch(int epoll, int fd, ulong data)
    {
        var ev = new EpollEvent { Events = EpollIn | EpollOut | EpollRdHup | EpollEt, Data = data };
        return EpollCtl(epoll, EpollCtlAdd, fd, &ev) == 0 ? 0 : LastErrno;
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutTicks"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks) for events, to the
    /// nanosecond with epoll_pwait2 (Linux 5.11), else to the next millisecond; the count, or -1 with errno set.
    /// </summary>
    public static int Wait(int epoll, Span<EpollEvent> events, long timeoutTicks)
    {
        var nanoseconds = (long)(timeoutTicks * (1e9 / System.Diagnostics.Stopwatch.Frequency));
        fixed (EpollEvent* e = events)
        {
            if (!_millisecondsOnly)
            {
                var timeout = stackalloc long[2] { nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000 };
                var n = EpollPwait2(epoll, e, events.Length, timeout, null);
                if (n >= 0 || LastErrno != ENoSys)
                {
                    return n;
                }

                _millisecondsOnly = true;
            }

            return EpollWait(epoll, e, events.Length, (int)((nanoseconds + 999_999) / 1_000_000));
        }
    }

    /// <summary>The local port of <paramref name="fd"/> (bound by connect), or 0.</summary>
    public static int LocalPort(int fd)
    {
        var address = stackalloc byte[28];
        var length = 28;
        return GetSockName(fd, address, &length) == 0 ? (address[2] << 8) | address[3] : 0;
    }

    /// <summary>The pending error of <paramref name="fd"/> (SO_ERROR), clearing it; 0 when none.</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) == 0 ? error : LastErrno;
    }

    /// <summary>Sends what it can of <paramref name="bytes"/> without blocking or SIGPIPE: the count sent, or -1 with errno set.</summary>
    public static nint Send(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* b = bytes)
        {
            return SendRaw(fd, b, bytes.Length, MsgNoSignal);
        }
    }

    /// <summary>Reads what is there into <paramref name="buffer"/>: the count, 0 at the peer's FIN, or -1 with errno set.</summary>
    public static nint Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return Read(fd, b, buffer.Length);
        }
    }

    /// <summary>Closes <paramref name="fd"/> (which also takes it off its epoll).</summary>
    public static void Close(int fd) => _ = CloseRaw(fd);

    /// <summary>The kernel's socket address of <paramref name="endPoint"/> (<c>sockaddr_in</c> or <c>sockaddr_in6</c>).</summary>
    public static byte[] AddressOf(IPEndPoint endPoint)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new byte[v6 ? 28 : 16];
        address[0] = (byte)(v6 ? 10 : 2);
        address[2] = (byte)(endPoint.Port >> 8);
        address[3] = (byte)endPoint.Port;
        if (v6)
        {
            endPoint.Address.TryWriteBytes(address.AsSpan(8, 16), out _);
            BitConverter.TryWriteBytes(address.AsSpan(24, 4), (uint)endPoint.Address.ScopeId);
        }
        else
        {
            endPoint.Address.TryWriteBytes(address.AsSpan(4, 4), out _);
        }

        return address;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int ConnectRaw(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, void* value, int* length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int GetSockName(int fd, byte* address, int* length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendRaw(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseRaw(int fd);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    private static partial int EpollPwait2(int epoll, EpollEvent* events, int max, long* timeout, void* signals);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, EpollEvent* events, int max, int timeoutMs);
}
