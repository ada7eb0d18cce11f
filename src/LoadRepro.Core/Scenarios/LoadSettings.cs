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

    /// <summary>The request path; default <c>/</c>. Shorthand for one GET request, used when <see cref="Requests"/> is empty.</summary>
    public string Path { get; init; } = "/";

    /// <summary>
    /// The kinds of request sent (<c>request</c>, or the weighted mix <c>requests</c>); empty (the default) sends
    /// <c>GET</c> <see cref="Path"/> (or the target URL's path).
    /// </summary>
    public IReadOnlyList<RequestSpec> Requests { get; init; } = [];

    /// <summary>
    /// Ramp stages of the rate model (<c>stages: [{duration: 2s, rate: 100}, ...]</c>); empty for a constant rate (the default).
    /// With stages, arrivals stop when the last stage ends or <see cref="Duration"/> passes, whichever comes first.
    /// </summary>
    public IReadOnlyList<RateStage> Stages { get; init; } = [];

    /// <summary>
    /// The most requests in flight in the rate model; an arrival that finds them all busy waits and counts as late.
    /// Default: none given (0), meaning rate × timeout × 2 within <see cref="LoadDefaults.MinInFlight"/> and <see cref="LoadDefaults.MaxInFlight"/>.
    /// </summary>
    public int MaxInFlight { get; init; }

    /// <summary>keep-alive: requests sent back to back before their answers are read; default <see cref="LoadDefaults.PipelineDepth"/> (no pipelining).</summary>
    public int Pipeline { get; init; } = LoadDefaults.PipelineDepth;

    /// <summary>abandon: how long the client waits after sending before it closes without reading; default <see cref="LoadDefaults.AbandonAfter"/>.</summary>
    public TimeSpan AbandonAfter { get; init; } = LoadDefaults.AbandonAfter;

    /// <summary>
    /// How long the load goes on once the server's descriptors reach its limit (EMFILE); what follows is only more of the same, so
    /// the run gets to its drain sooner. Null (the default): the load runs its whole <see cref="Duration"/>.
    /// </summary>
    public TimeSpan? StopAfterExhaustion { get; init; }

    /// <summary>idle-hold: how long each connection stays open and idle after its one request; default <see cref="LoadDefaults.Hold"/>.</summary>
    public TimeSpan Hold { get; init; } = LoadDefaults.Hold;
}
