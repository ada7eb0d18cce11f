namespace LoadRepro.Server.Hosting;

/// <summary>
/// Starts every thread-pool thread the server will have before it listens, so that it never starts one at its descriptor
/// limit. On Linux the .NET runtime opens a pipe to set up each new thread; at EMFILE that fails, and the runtime prints
/// "Out of memory." and aborts (exit 134). A real .NET server at its limit dies that way the next time its thread pool grows;
/// the test server exists to be measured at the limit, so it keeps a fixed pool (minimum = maximum, started now) whose threads
/// never retire (<c>System.Threading.ThreadPool.ThreadsToKeepAlive = -1</c> in the program's runtimeconfig).
/// </summary>
public static class RuntimeThreads
{
    /// <summary>Worker threads: plenty for an asynchronous server on a few cores (never fewer than the cores).</summary>
    public static int Workers { get; } = Math.Max(32, Environment.ProcessorCount);

    /// <summary>Fixes the pool at <see cref="Workers"/> threads and starts them all, waiting until each has run.</summary>
    /// <exception cref="InvalidOperationException">The pool refused the size, or its threads did not start within 10 s.</exception>
    public static void StartAll()
    {
        ThreadPool.GetMinThreads(out _, out var minIo);
        ThreadPool.GetMaxThreads(out _, out var maxIo);
        if (!ThreadPool.SetMaxThreads(Workers, maxIo) || !ThreadPool.SetMinThreads(Workers, minIo))
        {
            throw new InvalidOperationException($"the thread pool refused a fixed size of {Workers} worker threads");
        }

        // Each item holds its thread until all have started: the pool must then run them on Workers distinct threads. The
        // events are disposed only once every item has left them (disposing one with a waiter still waking up throws on the
        // pool thread, which kills the process); after a timeout they are left to the GC, as late items may still come.
        var started = new CountdownEvent(Workers);
        var release = new ManualResetEventSlim();
        var left = new CountdownEvent(Workers);
        for (var i = 0; i < Workers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    started.Signal();
                    release.Wait();
                    left.Signal();
                },
                null);
        }

        var all = started.Wait(TimeSpan.FromSeconds(10));
        release.Set();
        if (!all)
        {
            throw new InvalidOperationException($"only {Workers - started.CurrentCount} of {Workers} thread-pool threads started within 10 s");
        }

        left.Wait();
        started.Dispose();
        release.Dispose();
        left.Dispose();
    }
}
