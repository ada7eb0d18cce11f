namespace LoadRepro.Cli.Orchestration;

/// <summary>The process a run loads and samples: the embedded test server, or the user's own server (<c>--target-pid</c>).</summary>
public interface ITargetProcess : IAsyncDisposable
{
    /// <summary>Its PID.</summary>
    int Pid { get; }

    /// <summary>The port it serves on.</summary>
    int Port { get; }

    /// <summary>Completes when it exits, for any reason.</summary>
    Task Exited { get; }

    /// <summary>True when it exited before the run stopped it.</summary>
    bool ExitedByItself { get; }

    /// <summary>When it exited by itself, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    long ExitTimestamp { get; }

    /// <summary>Its exit code once it exited, when known (only for our own child).</summary>
    int? ExitCode { get; }

    /// <summary>Says that an exit from now on is expected (a signal reached the process group too), not a crash.</summary>
    void ExpectExit();
}
