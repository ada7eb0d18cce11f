using System.Runtime.InteropServices;

namespace LoadRepro.Sampler.Native;

/// <summary>
/// The libc calls the sampler makes: directory walking and readlink/statx on /proc/PID/fd without allocating, a raw
/// AF_NETLINK socket for sock_diag, and setns to reach another network namespace. Errors come back as errno messages.
/// </summary>
internal static unsafe partial class LinuxCalls
{
    /// <summary>AF_INET.</summary>
    public const byte AfInet = 2;

    /// <summary>AF_INET6.</summary>
    public const byte AfInet6 = 10;

    /// <summary>Offset of d_name in glibc's <c>struct dirent</c> on 64-bit Linux (the same layout as dirent64).</summary>
    public const int DirentNameOffset = 19;

    private const int AfNetlink = 16;
    private const int SockRawCloexec = 3 | 0x80000;
    private const int NetlinkSockDiag = 4;
    private const int CloneNewNet = 0x40000000;
    private const int OpenReadOnlyCloexec = 0x80000;
    private const uint StatxType = 1;
    private const int StatxModeOffset = 28;

    /// <summary>The last errno as a message.</summary>
    public static string LastError => Marshal.GetLastPInvokeErrorMessage();

    /// <summary>The last errno.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();

    /// <summary>Opens a raw NETLINK_SOCK_DIAG socket in the calling thread's network namespace; -1 on failure.</summary>
    public static int OpenSockDiag() => Socket(AfNetlink, SockRawCloexec, NetlinkSockDiag);

    /// <summary>Moves the calling thread into the network namespace of <paramref name="nsPath"/> (/proc/PID/ns/net); false with errno set.</summary>
    public static bool EnterNetworkNamespace(string nsPath)
    {
        var fd = Open(nsPath, OpenReadOnlyCloexec);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return SetNs(fd, CloneNewNet) == 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>The file type bits (S_IFMT) of what <paramref name="name"/> in <paramref name="dirFd"/> points to, following links; 0 on failure.</summary>
    public static int FileType(int dirFd, byte* name)
    {
        var buffer = stackalloc byte[256];
        if (Statx(dirFd, name, 0, StatxType, buffer) != 0)
        {
            return 0;
        }

        return *(ushort*)(buffer + StatxModeOffset) & 0xF000;
    }

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    public static partial byte* ReadDir(nint dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(nint dir);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    public static partial int DirFd(nint dir);

    [LibraryImport("libc", EntryPoint = "readlinkat")]
    public static partial nint ReadLinkAt(int dirFd, byte* path, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Statx(int dirFd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
