using System.Diagnostics;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The runtime settings the test server starts with, so that it starts no thread at its descriptor limit (where the .NET
/// runtime cannot start one and aborts with "Out of memory."): the tiered compiler's background thread, which otherwise
/// exits after 4 s idle and is started again at the next method to optimise, stays. The thread pool's threads are started
/// by the server itself (Server/Hosting/RuntimeThreads.cs) and the GC has no background thread (runtimeconfig).
/// </summary>
public static class ServerRuntime
{
    /// <summary>The runtime's knob: how long the tiered compiler's thread waits idle before it exits, in hexadecimal ms.</summary>
    public const string TieringThreadIdle = "DOTNET_TC_BackgroundWorkerTimeoutMs";

    /// <summary>Sets the knobs on the server's start info, unless the user set them.</summary>
    public static void Configure(ProcessStartInfo server)
    {
        // FFFFFFFF is INFINITE: the thread never exits.
        server.Environment.TryAdd(TieringThreadIdle, "FFFFFFFF");
    }
}
