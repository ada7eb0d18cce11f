namespace LoadRepro.Core.Scenarios;

/// <summary>
/// One stage of a ramped rate (<c>load.stages</c>): over <see cref="Duration"/> the arrival rate moves in a straight line
/// from where the previous stage ended (the first stage starts at <c>load.rate</c>) to <see cref="Rate"/>.
/// </summary>
public sealed record RateStage
{
    /// <summary>How long the stage lasts.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The arrival rate reached at the end of the stage, in arrivals per second.</summary>
    public required int Rate { get; init; }
}
