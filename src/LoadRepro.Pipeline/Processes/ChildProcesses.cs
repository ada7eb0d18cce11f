using System.Collections.Concurrent;
using LoadRepro.Core.Platform;

namespace LoadRepro.Pipeline.Processes;

/// <summary>
/// Every child this process started and has not reaped, so a second Ctrl-C or a crash of ours can still kill them all
/// before exiting. Kept as PIDs and killed with kill(2): at the descriptor limit the runtime cannot even load the
/// assembly that <see cref="System.Diagnostics.Process"/> lives in, while kill(2) needs no descriptor.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, bool> Live = new();

    /// <summary>Remembers a started child.</summary>
    public static void Track(int pid) => Live[pid] = true;

    /// <summary>Forgets a child that was stopped and reaped.</summary>
    public static void Untrack(int pid) => Live.TryRemove(pid, out _);

    /// <summary>Remembers a started process group (its leader's PID), to be killed whole.</summary>
    public static void TrackGroup(int leader) => Live[-leader] = true;

    /// <summary>Forgets a process group that was stopped.</summary>
    public static void UntrackGroup(int leader) => Live.TryRemove(-leader, out _);

    /// <summary>Sends SIGKILL to every child and every child group at once (kill(2) takes a negative PID as a group).</summary>
    public static void KillAll()
    {
        foreach (var pid in Live.Keys)
        {
            _ = Linux.Signal(pid, Linux.SigKill);
        }
    }
}
