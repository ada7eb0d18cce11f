using System.Net;
using LoadRepro.Core.Diagnosis;

namespace LoadRepro.Pipeline.Servers;

/// <summary>The process a run loads and samples: the embedded test server (on the host or in a namespace), or the user's own server.</summary>
public interface ITargetProcess : IAsyncDisposable
{
    /// <summary>Its PID (for a server started from a command, the command's process).</summary>
    int Pid { get; }

    /// <summary>The processes sampled as the server: the one PID, or all that hold its listening socket (pre-fork, a wrapper's child).</summary>
    IReadOnlyList<int> SampledPids { get; }

    /// <summary>The port it serves on.</summary>
    int Port { get; }

    /// <summary>Where the load connects.</summary>
    IPEndPoint EndPoint { get; }

    /// <summary>The Host header, as the URL names the server.</summary>
    string Host { get; }

    /// <summary>How the load speaks TLS to it; null for plain HTTP.</summary>
    LoadRepro.Load.Engine.TlsTarget? Tls { get; }

    /// <summary>The descriptor limit the server reported it applied; null when only the samples can tell (the user's server).</summary>
    int? AppliedFdLimit { get; }

    /// <summary>Completes when it exits, for any reason.</summary>
    Task Exited { get; }

    /// <summary>True when it exited before the run stopped it.</summary>
    bool ExitedByItself { get; }

    /// <summary>When it exited by itself, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    long ExitTimestamp { get; }

    /// <summary>Its exit code once it exited, when known (only for our own child).</summary>
    int? ExitCode { get; }

    /// <summary>Why it exited by itself, in words; null while it runs or when it was stopped.</summary>
    string? ExitReason { get; }

    /// <summary>The first failed accept() the server reported, in seconds since the run started; null when none or not known.</summary>
    AcceptFailure? FirstAcceptFailure { get; }

    /// <summary>Failed accept() calls the server reported, by errno name (empty when it reports none, as the user's server).</summary>
    IReadOnlyDictionary<string, long> AcceptFailures { get; }

    /// <summary>Says that an exit from now on is expected (a signal reached the process group too), not a crash.</summary>
    void ExpectExit();
}
