using System.Runtime.InteropServices;

namespace LoadRepro.Load.Native;

/// <summary>
/// <c>struct epoll_event</c> as x86-64 Linux lays it out: packed, so <see cref="Data"/> starts at byte 4 (the event loop
/// runs only there, see <see cref="Sockets.IsAvailable"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpollEvent
{
    /// <summary>The EPOLL* bits.</summary>
    public uint Events;

    /// <summary>What the loop registered with the descriptor: its slot and the slot's connection number.</summary>
    public ulong Data;
}
