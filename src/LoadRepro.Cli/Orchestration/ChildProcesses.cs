using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoadRepro.Cli.Orchestration;

/// <summary>Every child this process started and has not reaped, so a second Ctrl-C can still kill them all before exiting.</summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    /// <summary>Remembers a started child.</summary>
    public static void Track(Process process) => Live[process.Id] = process;

    /// <summary>Forgets a child that was stopped.</summary>
    public static void Untrack(Process process)
    {
        foreach (var (pid, p) in Live)
        {
            if (ReferenceEquals(p, process))
            {
                Live.TryRemove(pid, out _);
            }
        }
    }

    /// <summary>Kills every child at once.</summary>
    public static void KillAll()
    {
        foreach (var p in Live.Values)
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
