using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline;

/// <summary>What a run says while it goes; the command line prints it, a test or an API caller may listen.</summary>
public interface IRunObserver
{
    /// <summary>A line worth saying (the lab built, a problem the load child reported).</summary>
    void Say(string line);

    /// <summary>The run opened: the scenario, its report directory, and the user's server in words when it loads one.</summary>
    void Starting(ScenarioDefinition scenario, string directory, string? externalTarget);

    /// <summary>The server reached its descriptor limit <paramref name="seconds"/> into the run; the load stops after <paramref name="grace"/>.</summary>
    void AtLimit(double seconds, TimeSpan grace);

    /// <summary>The load stopped; sampling goes on for <paramref name="drain"/>.</summary>
    void Draining(TimeSpan drain);

    /// <summary>A signal stopped the run at <paramref name="stage"/>, <paramref name="seconds"/> in.</summary>
    void Interrupted(RunStage stage, double seconds, string directory);

    /// <summary>Shows progress until disposed, reading <paramref name="read"/> as often as it likes.</summary>
    IAsyncDisposable ShowLive(Func<LiveReading> read);
}
