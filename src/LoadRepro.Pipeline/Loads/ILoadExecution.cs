using LoadRepro.Load.Metrics;

namespace LoadRepro.Pipeline.Loads;

/// <summary>A load under way, wherever it runs.</summary>
public interface ILoadExecution : IAsyncDisposable
{
    /// <summary>The process whose network namespace holds the client's sockets; null for this process.</summary>
    int? ClientPid { get; }

    /// <summary>Completes when the load started (or could not).</summary>
    Task Started { get; }

    /// <summary>Completes when the load ended by its bounds, by <see cref="RequestStop"/>, or because it failed.</summary>
    Task Done { get; }

    /// <summary>The client's counters now.</summary>
    LoadProgress Progress { get; }

    /// <summary>Asks the load to stop early (interruption, exhaustion, the server gone); safe to call more than once.</summary>
    void RequestStop();

    /// <summary>What the client measured, once <see cref="Done"/> completed.</summary>
    LoadOutcome Finish();
}
