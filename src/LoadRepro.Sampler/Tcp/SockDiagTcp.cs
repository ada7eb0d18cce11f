using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Native;

namespace LoadRepro.Sampler.Tcp;

/// <summary>
/// Reads TCP sockets through netlink NETLINK_SOCK_DIAG (inet_diag, what <c>ss</c> uses): the kernel filters by state and
/// port before it copies anything, so the cost follows the sockets that match, not the whole table as /proc's text does.
/// The socket is opened once in the target's network namespace (a netlink socket keeps the namespace it was created in).
/// Like /proc, inet_diag reports a TIME_WAIT minisocket by its substate, so orphaned FIN_WAIT2 sockets count as FIN_WAIT2.
/// </summary>
public sealed unsafe class SockDiagTcp : ITcpSocketSource
{
    private const int BufferSize = 64 * 1024;
    private const ushort SockDiagByFamily = 20;
    private const ushort RequestDump = 0x1 | 0x300;
    private const ushort Done = 3;
    private const ushort Error = 2;
    private const int HeaderSize = 16;
    private const ushort TcpDiagGetSock = 18;
    private const byte BothFamilies = 0;
    private const int RequestV2Size = 56;
    private const int CompatRequestSize = 60;
    private const int PortFilterSize = 24;
    private const int PortOrFullSocketFilterSize = 44;
    private const byte IpProtoTcp = 6;
    // States 1 (ESTABLISHED) to 12 (NEW_SYN_RECV, request sockets, which the kernel reports as SYN_RECV).
    private const uint AllStates = 0x1FFE;
    private const uint TimeWaitBit = 1u << 6;

    private readonly int _fd;
    private readonly byte* _buffer;
    private uint _sequence;
    private bool _bothFamiliesAtOnce = true;
    private bool _oneWalk = true;
    private int _lastKernelError;

    private SockDiagTcp(int fd)
    {
        _fd = fd;
        _buffer = (byte*)NativeMemory.Alloc(BufferSize);
    }

    /// <inheritdoc />
    public SocketSourceKind Kind => SocketSourceKind.Netlink;

    /// <summary>Opens a sock_diag socket in <paramref name="pid"/>'s network namespace; null with the reason when it cannot.</summary>
    public static SockDiagTcp? TryOpen(int pid, out string? reason)
    {
        reason = null;
        var nsPath = $"/proc/{pid}/ns/net";
        string? theirs, ours;
        try
        {
            theirs = new FileInfo(nsPath).LinkTarget;
            ours = new FileInfo("/proc/self/ns/net").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot read {nsPath}: {e.Message}";
            return null;
        }

        if (theirs is null)
        {
            reason = $"cannot read {nsPath}";
            return null;
        }

        int fd;
        if (theirs == ours)
        {
            fd = LinuxCalls.OpenSockDiag();
            if (fd < 0)
            {
                reason = $"socket(AF_NETLINK, NETLINK_SOCK_DIAG): {LinuxCalls.LastError}";
            }
        }
        else
        {
            fd = OpenInNamespace(nsPath, out reason);
        }

        return fd < 0 ? null : new SockDiagTcp(fd);
    }

    /// <summary>
    /// How many dumps (each a walk of the kernel's whole TCP hash table, the cost of a sample) the last <see cref="TryCount"/>
    /// asked for: 1 when the port's sockets and the ownership by inode came from one walk, as this kernel allows.
    /// </summary>
    public int LastCountWalks { get; private set; }

    /// <inheritdoc />
    public bool TryCount(int port, HashSet<ulong> ownedInodes, TcpTally tally)
    {
        LastCountWalks = 0;
        if (_oneWalk && port != 0 && ownedInodes.Count > 0)
        {
            if (_bothFamiliesAtOnce
                    ? Count(BothFamilies, oneWalk: true, port, ownedInodes, tally)
                    : Count(LinuxCalls.AfInet, oneWalk: true, port, ownedInodes, tally) && Count(LinuxCalls.AfInet6, oneWalk: true, port, ownedInodes, tally))
            {
                return true;
            }

            tally.Clear();
            if (_lastKernelError == 0)
            {
                return false;
            }

            // A kernel without the cgroup condition (CONFIG_SOCK_CGROUP_DATA) refuses the filter before any socket: two walks
            // from now on.
            _oneWalk = false;
        }

        return TwoWalks(port, ownedInodes, tally);
    }

    /// <summary>
    /// Lists the server-side sockets of <paramref name="port"/> (local port = port) in CLOSE_WAIT or ESTABLISHED, each with
    /// its peer's port, into <paramref name="into"/>; false when the namespace could not be read.
    /// </summary>
    public bool TryListServerSide(int port, List<LeftSocket> into)
    {
        const uint states = (1u << TcpStates.Established) | (1u << TcpStates.CloseWait);
        var tally = new TcpTally();
        return Dump(LinuxCalls.AfInet, states, port, [], tally, Walk.Port, into)
            && Dump(LinuxCalls.AfInet6, states, port, [], tally, Walk.Port, into);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ = LinuxCalls.Close(_fd);
        NativeMemory.Free(_buffer);
    }

    private bool TwoWalks(int port, HashSet<ulong> ownedInodes, TcpTally tally)
    {
        if (_bothFamiliesAtOnce)
        {
            if (Count(BothFamilies, oneWalk: false, port, ownedInodes, tally))
            {
                return true;
            }

            if (_lastKernelError == 0)
            {
                return false;
            }

            // A kernel without the old request type answers with an error before any socket: ask per family from now on.
            _bothFamiliesAtOnce = false;
            tally.Clear();
        }

        return Count(LinuxCalls.AfInet, oneWalk: false, port, ownedInodes, tally) && Count(LinuxCalls.AfInet6, oneWalk: false, port, ownedInodes, tally);
    }

    // One walk with the bytecode, not several with the request's cheap checks: the kernel tests the states bitmask and the
    // sport and dport fields before the bytecode, but every dump still walks the whole established hash (each bucket, and
    // each socket's cache lines, TIME_WAIT included), and that walk is the cost. Measured with 1k to 99k TIME_WAIT on
    // other ports: a dump that matches nothing by the request's fields alone costs 0.8 to 1.0 of the one-walk dump, so
    // three such walks (sport = P, dport = P, and the ownership with TIME_WAIT and SYN_RECV left out) cost 2.6 to 2.9
    // times it, and two (TIME_WAIT apart) 1.8 to 2.0 times. A dump of the listening hash alone is cheap (the established
    // hash is skipped) but holds only LISTEN sockets. The kernel fills a dump's message batch up to 32 KiB, so the 64 KiB
    // receive buffer already takes each batch in one read.
    private bool Count(byte family, bool oneWalk, int port, HashSet<ulong> ownedInodes, TcpTally tally) => oneWalk
        ? Dump(family, AllStates, port, ownedInodes, tally, Walk.PortOrFullSocket)

        // Two walks: the port dump takes every state, TIME_WAIT included; the ownership dump skips TIME_WAIT, which never has a descriptor.
        : (port == 0 || Dump(family, AllStates, port, ownedInodes, tally, Walk.Port))
        && (ownedInodes.Count == 0 || Dump(family, AllStates & ~TimeWaitBit, 0, ownedInodes, tally, Walk.Owned));

    private static int OpenInNamespace(string nsPath, out string? reason)
    {
        // setns changes only the calling thread: do it on a thread of our own that ends right after, so no pool thread
        // is left in another namespace. The socket stays in the namespace it was created in.
        var fd = -1;
        string? error = null;
        var thread = new Thread(() =>
        {
            if (!LinuxCalls.EnterNetworkNamespace(nsPath))
            {
                error = $"setns({nsPath}): {LinuxCalls.LastError}";
                return;
            }

            fd = LinuxCalls.OpenSockDiag();
            if (fd < 0)
            {
                error = $"socket(AF_NETLINK, NETLINK_SOCK_DIAG) in {nsPath}: {LinuxCalls.LastError}";
            }
        })
        { IsBackground = true, Name = "netns-enter" };
        thread.Start();
        thread.Join();
        reason = error;
        return fd;
    }

    private bool Dump(byte family, uint states, int port, HashSet<ulong> ownedInodes, TcpTally tally, Walk walk, List<LeftSocket>? serverSide = null)
    {
        _lastKernelError = 0;
        LastCountWalks++;
        var sequence = ++_sequence;
        var both = family == BothFamilies;
        var type = both ? TcpDiagGetSock : SockDiagByFamily;
        var payload = both ? CompatRequestSize : RequestV2Size;
        var filter = walk switch
        {
            Walk.Port => PortFilterSize,
            Walk.PortOrFullSocket => PortOrFullSocketFilterSize,
            _ => 0,
        };
        var size = HeaderSize + payload + filter;
        var request = stackalloc byte[HeaderSize + CompatRequestSize + PortOrFullSocketFilterSize];
        new Span<byte>(request, HeaderSize + CompatRequestSize + PortOrFullSocketFilterSize).Clear();
        *(uint*)request = (uint)size;
        *(ushort*)(request + 4) = type;
        *(ushort*)(request + 6) = RequestDump;
        *(uint*)(request + 8) = sequence;
        if (both)
        {
            // struct inet_diag_req (the TCPDIAG_GETSOCK request ss used before sock_diag): family, src_len, dst_len, ext,
            // a zeroed sockid (48 bytes), states, dbs. The kernel serves it with the family unspecified: one walk of the
            // hash table for IPv4 and IPv6 instead of one each, and the walk, not the copying, is most of the cost.
            request[16] = LinuxCalls.AfInet;
            *(uint*)(request + 16 + 52) = states;
        }
        else
        {
            // struct inet_diag_req_v2: family, protocol, ext, pad, states, then a zeroed inet_diag_sockid (48 bytes).
            request[16] = family;
            request[17] = IpProtoTcp;
            *(uint*)(request + 20) = states;
        }

        if (walk == Walk.Port)
        {
            WritePortFilter(request + HeaderSize + payload, (ushort)port);
        }
        else if (walk == Walk.PortOrFullSocket)
        {
            WritePortOrFullSocketFilter(request + HeaderSize + payload, (ushort)port);
        }

        if (LinuxCalls.Send(_fd, request, size, 0) != size)
        {
            return false;
        }

        while (true)
        {
            var n = (int)LinuxCalls.Receive(_fd, _buffer, BufferSize, 0);
            if (n < 0 && LinuxCalls.LastErrno == 4 /* EINTR */)
            {
                continue;
            }

            if (n <= 0)
            {
                return false;
            }

            for (var at = 0; at + HeaderSize <= n;)
            {
                var message = _buffer + at;
                var length = *(uint*)message;
                var messageType = *(ushort*)(message + 4);
                if (length < HeaderSize || at + length > n)
                {
                    return false;
                }

                if (*(uint*)(message + 8) == sequence)
                {
                    if (messageType == Done)
                    {
                        return true;
                    }

                    if (messageType == Error)
                    {
                        _lastKernelError = length >= HeaderSize + 4 ? *(int*)(message + HeaderSize) : -1;
                        return false;
                    }

                    if (messageType == type && length >= HeaderSize + 72)
                    {
                        // struct inet_diag_msg: family, state, timer, retrans, sockid (ports in network order), ..., inode at 68.
                        var diag = message + HeaderSize;
                        int state = diag[1];
                        int localPort = BinaryPrimitives.ReverseEndianness(*(ushort*)(diag + 4));
                        int remotePort = BinaryPrimitives.ReverseEndianness(*(ushort*)(diag + 6));
                        if (serverSide is not null)
                        {
                            if (localPort == port)
                            {
                                serverSide.Add(new LeftSocket(state, remotePort));
                            }
                        }
                        else
                        {
                            if (walk != Walk.Owned)
                            {
                                tally.AddByPort(state, localPort, remotePort, port);
                            }

                            if (walk != Walk.Port)
                            {
                                tally.AddIfOwned(state, *(uint*)(diag + 68), ownedInodes);
                            }
                        }
                    }
                }

                at += (int)((length + 3) & ~3u);
            }
        }
    }

    private enum Walk
    {
        /// <summary>The port's sockets (either end), counted by port.</summary>
        Port,

        /// <summary>Every socket, counted when the process owns it.</summary>
        Owned,

        /// <summary>The port's sockets and every full socket: counted by port and by ownership in one walk.</summary>
        PortOrFullSocket,
    }

    private static void WritePortFilter(byte* attribute, ushort port)
    {
        // An INET_DIAG_REQ_BYTECODE attribute for "sport == port || dport == port", laid out as ss compiles an OR:
        // each op is {code, yes, no}; a comparison's port sits in the next op's "no"; ending exactly at the end accepts,
        // jumping 4 bytes past it rejects. JMP always takes "no".
        *(ushort*)attribute = 4 + 20;
        *(ushort*)(attribute + 2) = 1;
        var ops = attribute + 4;
        Op(ops, 11 /* S_EQ */, 8, 12);
        Op(ops + 4, 0, 0, port);
        Op(ops + 8, 1 /* JMP */, 4, 12);
        Op(ops + 12, 12 /* D_EQ */, 8, 12);
        Op(ops + 16, 0, 0, port);
    }

    private static void WritePortOrFullSocketFilter(byte* attribute, ushort port)
    {
        // "sport == port || dport == port || cgroup != 0": the port's sockets in every state, and every full socket of the
        // namespace (a TIME_WAIT minisocket or a request socket has cgroup id 0; a full socket at least the root's, 1), so
        // one walk of the hash table serves both the port's counts and the ownership by inode. The kernel checks that
        // the "yes" chain ends exactly at the end, so "cgroup == 0" jumps to a last JMP whose "no" rejects.
        *(ushort*)attribute = 4 + 40;
        *(ushort*)(attribute + 2) = 1;
        var ops = attribute + 4;
        Op(ops, 11 /* S_EQ */, 8, 12);
        Op(ops + 4, 0, 0, port);
        Op(ops + 8, 1 /* JMP */, 4, 32);
        Op(ops + 12, 12 /* D_EQ */, 8, 12);
        Op(ops + 16, 0, 0, port);
        Op(ops + 20, 1 /* JMP */, 4, 20);
        Op(ops + 24, 13 /* CGROUP_COND */, 12, 16);
        *(ulong*)(ops + 28) = 0;
        Op(ops + 36, 1 /* JMP */, 4, 8);
    }

    private static void Op(byte* at, byte code, byte yes, ushort no)
    {
        at[0] = code;
        at[1] = yes;
        *(ushort*)(at + 2) = no;
    }
}
