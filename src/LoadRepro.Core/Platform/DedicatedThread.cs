namespace LoadRepro.Core.Platform;

/// <summary>
/// Runs a long blocking job on a background thread of its own, off the thread pool, as a task: the load's event loop and the
/// sampling loop, which block in system calls and must not hold one of the pool's few threads.
/// </summary>
public static class DedicatedThread
{
    /// <summary>Starts <paramref name="job"/> on a new background thread named <paramref name="name"/>; the task ends with it, or with its exception.</summary>
    public static Task Run(string name, Action job)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
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
