namespace LoadRepro.Core.Platform;

/// <summary>
/// Runs a long blocking job on a background thread of its own, off the thread pool, as a task: the load's event loop and the
/// sampling loop, which block in system calls and must not hold one of the pool's few threads.
/// </summary>
public static class DedicatedThread
{
    /// <summary>
    /// The nice value of the threads that watch a run (the sampling loop, the live view) rather than make it: when the load
    /// and the server keep both cores busy, a watcher at the same priority takes its turn from one of them, and every
    /// request in flight waits meanwhile; at nice 10 it runs in their idle moments instead, and still gets about a tenth of a
    /// core when there are none, several times what sampling ten times a second takes (1.7% of a core, docs/KERNEL-FACTS.md).
    /// </summary>
    public const int WatcherNice = 10;

    /// <summary>
    /// Starts <paramref name="job"/> on a new background thread named <paramref name="name"/>, at nice <paramref name="nice"/>
    /// (0: the process's own); the task ends with it, or with its exception.
    /// </summary>
    public static Task Run(string name, Action job, int nice = 0)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (nice != 0)
                {
                    // Refused (a seccomp filter, say), the thread runs at the process's priority: a cost, not a fault.
                    _ = Linux.NiceCurrentThread(nice);
                }

                job();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }
}
