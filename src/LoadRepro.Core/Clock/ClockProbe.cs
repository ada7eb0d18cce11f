namespace LoadRepro.Core.Clock;

/// <summary>One request for another host's clock, as this host saw it.</summary>
/// <param name="SentUnixMs">This host's UTC clock when the request left, in milliseconds since 1970.</param>
/// <param name="RemoteUnixMs">The other host's UTC clock in its answer, in milliseconds since 1970.</param>
/// <param name="ReceivedUnixMs">This host's UTC clock when the answer arrived, in milliseconds since 1970.</param>
public sealed record ClockProbe(double SentUnixMs, double RemoteUnixMs, double ReceivedUnixMs)
{
    /// <summary>The request's round trip on this host's clock, in milliseconds.</summary>
    public double RoundTripMs => ReceivedUnixMs - SentUnixMs;
}
