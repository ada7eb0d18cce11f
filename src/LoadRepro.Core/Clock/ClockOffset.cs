namespace LoadRepro.Core.Clock;

/// <summary>How far another host's clock is ahead of this one's, and how sure that is.</summary>
/// <param name="OffsetMs">The other clock minus this one, in milliseconds (negative: it is behind).</param>
/// <param name="BoundMs">The true offset is within this many milliseconds of <paramref name="OffsetMs"/>.</param>
/// <param name="RoundTripMs">The round trip of the probe the offset was taken from, in milliseconds.</param>
/// <param name="Probes">How many probes were made.</param>
public sealed record ClockOffset(double OffsetMs, double BoundMs, double RoundTripMs, int Probes)
{
    /// <summary>A time on the other host's clock, on this host's (both in milliseconds since 1970).</summary>
    public double ToLocal(double remoteUnixMs) => remoteUnixMs - OffsetMs;
}
