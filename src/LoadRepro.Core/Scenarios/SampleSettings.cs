namespace LoadRepro.Core.Scenarios;

/// <summary>The sampler's settings (<c>sample:</c>).</summary>
public sealed record SampleSettings
{
    /// <summary>Time between samples; default <see cref="ScenarioDefaults.SampleInterval"/>.</summary>
    public TimeSpan Interval { get; init; } = ScenarioDefaults.SampleInterval;

    /// <summary>How long sampling goes on after the load stops; default <see cref="ScenarioDefaults.Drain"/>.</summary>
    public TimeSpan Drain { get; init; } = ScenarioDefaults.Drain;
}
