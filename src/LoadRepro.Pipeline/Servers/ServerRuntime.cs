using System.Diagnostics;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The runtime settings the test server starts with. First, so that it starts no thread at its descriptor limit (where the
/// .NET runtime cannot start one and aborts with "Out of memory."): the tiered compiler's background thread, which otherwise
/// exits after 4 s idle and is started again at the next method to optimise, stays. The thread pool's threads are started
/// by the server itself (Server/Hosting/RuntimeThreads.cs) and the GC has no background thread (runtimeconfig). Second, so
/// that a server that closes at once is seen to: on 2 cores shared with the load and the sampler, its CLOSE_WAIT between
/// the client's FIN and its close() lasts as long as it waits for a core, and two of its own habits took cores from it
/// (docs/KERNEL-FACTS.md, "CLOSE_WAIT of a server that closes").
/// </summary>
public static class ServerRuntime
{
    /// <summary>The runtime's knob: how long the tiered compiler's thread waits idle before it exits, in hexadecimal ms.</summary>
    public const string TieringThreadIdle = "DOTNET_TC_BackgroundWorkerTimeoutMs";

    /// <summary>
    /// The runtime's knob: how long an idle thread-pool thread spins (yielding its core) before it sleeps; 0, it sleeps at
    /// once. Its 32 kept threads spinning made ~330,000 context switches in a 6 s run at 1,000 connections/s, 50,000 without.
    /// </summary>
    public const string PoolSpinLimit = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>The runtime's knob for the instrumented tier of dynamic PGO; 0, hot methods go straight to optimised code.</summary>
    public const string TieredPgo = "DOTNET_TieredPGO";

    /// <summary>Sets the knobs on the server's start info, unless the user set them.</summary>
    public static void Configure(ProcessStartInfo server)
    {
        // FFFFFFFF is INFINITE: the thread never exits.
        server.Environment.TryAdd(TieringThreadIdle, "FFFFFFFF");
        server.Environment.TryAdd(PoolSpinLimit, "0");
        server.Environment.TryAdd(TieredPgo, "0");
    }
}
