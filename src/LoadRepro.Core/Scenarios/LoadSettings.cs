namespace LoadRepro.Core.Scenarios;

/// <summary>The client load's settings (<c>load:</c>).</summary>
public sealed record LoadSettings
{
    /// <summary>How connections are used; default <c>short</c>.</summary>
    public ConnectionKind Connection { get; init; } = ConnectionKind.Short;

    /// <summary>The HTTP version sent, "1.0" or "1.1"; default "1.1".</summary>
    public string Http { get; init; } = "1.1";

    /// <summary>The load model; default <c>rate</c>.</summary>
    public LoadModelKind Model { get; init; } = LoadModelKind.Rate;

    /// <summary>Arrivals per second for the rate model; default <see cref="ScenarioDefaults.Rate"/>.</summary>
    public int Rate { get; init; } = ScenarioDefaults.Rate;

    /// <summary>Workers for the concurrency model, or connections for keep-alive and idle-hold; default <see cref="ScenarioDefaults.Concurrency"/>.</summary>
    public int Concurrency { get; init; } = ScenarioDefaults.Concurrency;

    /// <summary>How long the load runs; default <see cref="ScenarioDefaults.Duration"/>, at most <see cref="ScenarioDefaults.MaxDuration"/>.</summary>
    public TimeSpan Duration { get; init; } = ScenarioDefaults.Duration;

    /// <summary>The most requests the run may start; default <see cref="ScenarioDefaults.MaxRequests"/>.</summary>
    public int MaxRequests { get; init; } = ScenarioDefaults.MaxRequests;

    /// <summary>How long one request may take (connect, send, read) before it counts as <c>timeout</c>; default <see cref="ScenarioDefaults.RequestTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = ScenarioDefaults.RequestTimeout;

    /// <summary>The request path; default <c>/</c>.</summary>
    public string Path { get; init; } = "/";
}
