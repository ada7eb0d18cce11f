using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Cli.Watching;

/// <summary>What <c>loadrepro watch</c> was asked to do.</summary>
public sealed record WatchSettings
{
    /// <summary>The process to watch.</summary>
    public required int Pid { get; init; }

    /// <summary>The port under test; 0 for none (TCP states are then the process's own sockets only).</summary>
    public int Port { get; init; }

    /// <summary>Time between samples; default 250 ms.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to watch; default 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop after this many samples; null for no limit.</summary>
    public int? Count { get; init; }

    /// <summary>Where to write the samples as CSV; null for nowhere.</summary>
    public string? CsvPath { get; init; }

    /// <summary>Where TCP states are read from; default auto (netlink when usable).</summary>
    public SocketSourceChoice Source { get; init; } = SocketSourceChoice.Auto;

    /// <summary>No live view; only the closing lines and the time each sample took.</summary>
    public bool Quiet { get; init; }
}
