using LoadRepro.Core.Records;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Pipeline;

/// <summary>What a live view shows at one moment: the run's clock, the newest sample, and the client's counters.</summary>
/// <param name="Seconds">Seconds since the run started.</param>
/// <param name="Latest">The newest sample; null before the first.</param>
/// <param name="Load">The client's counters.</param>
public sealed record LiveReading(double Seconds, Sample? Latest, LoadProgress Load);
