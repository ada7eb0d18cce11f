using System.Diagnostics;

namespace LoadRepro.Pipeline.Processes;

/// <summary>
/// Runs the load engine's socket continuations inline on the runtime's epoll thread instead of handing each one to the thread
/// pool: a request's work after a read is a few microseconds, less than the hop. Measured with scripts/bench-load on 2 cores:
/// client CPU per keep-alive request 13.5 → 10.5 µs, short HTTP/1.0 65 → 52 µs. The test server keeps the runtime's default, so
/// what it measures is what a Kestrel app in production does.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's switch; it is read once, when the first socket starts the runtime's socket engine.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static bool _setHere;

    /// <summary>Turns inline completions on for this process, unless the user chose already; call before any socket exists.</summary>
    public static void Inline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
            _setHere = true;
        }
    }

    /// <summary>Gives a child the runtime's default back when the switch is this process's own choice, not the user's.</summary>
    public static void Default(ProcessStartInfo child)
    {
        if (_setHere)
        {
            child.Environment.Remove(Variable);
        }
    }
}
