using System.Diagnostics;
using LoadRepro.Core.Platform;

namespace LoadRepro.Pipeline;

/// <summary>What every run does first: start its clock, create its directory, and raise its own descriptor limit.</summary>
public sealed record RunOpening
{
    private RunOpening(DateTimeOffset startedAt, long timestamp, string directory)
    {
        StartedAt = startedAt;
        Timestamp = timestamp;
        Directory = directory;
    }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp the run's seconds count from.</summary>
    public long Timestamp { get; }

    /// <summary>The run's report directory.</summary>
    public string Directory { get; }

    /// <summary>The test server's log file in the run directory.</summary>
    public string LogFile => Path.Combine(Directory, "server.log");

    /// <summary>Seconds since the run started.</summary>
    public double Now() => Stopwatch.GetElapsedTime(Timestamp).TotalSeconds;

    /// <summary>Opens a run of <paramref name="request"/>; the harness itself must never be the process that runs out of descriptors.</summary>
    /// <exception cref="UserFacingException">The reports folder cannot be written.</exception>
    public static RunOpening Begin(RunPlan request)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var timestamp = Stopwatch.GetTimestamp();
        var directory = RunDirectory.Create(request.ReportsFolder, request.Scenario.Name, startedAt);
        Linux.RaiseSoftFileLimitToHard();
        return new RunOpening(startedAt, timestamp, directory);
    }
}
