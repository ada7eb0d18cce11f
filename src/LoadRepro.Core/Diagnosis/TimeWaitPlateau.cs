using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// The TIME_WAIT level a run reached and whether it levelled off. Each closed connection stays in TIME_WAIT for 60 s
/// on the side that closed first, so at a steady close rate the count climbs for 60 s and then holds at about
/// rate × 60 s (or at the port range, when the connecting side runs out first). A load shorter than that never
/// shows the plateau, and the report must say so rather than call the last value one.
/// </summary>
/// <param name="Measured">TIME_WAIT the load added by its last sample, on the side with more of it.</param>
/// <param name="Reached">True when the count held level over the last part of the load.</param>
/// <param name="ClientSide">True when the client side held more TIME_WAIT than the server side (the client closed first).</param>
public sealed record TimeWaitPlateau(int Measured, bool Reached, bool ClientSide)
{
    /// <summary>The share of the load, at its end, over which TIME_WAIT must hold level to count as a plateau.</summary>
    public const double TailShare = 0.25;

    /// <summary>Growth over the tail, relative to the level, below which the count is level.</summary>
    public const double FlatGrowth = 0.05;

    /// <summary>
    /// Reads the plateau from the load's samples, counting only what the load added to <paramref name="before"/> (the state
    /// when it started: an earlier run's TIME_WAIT on the same port is not this load's); null with fewer than three samples in the load.
    /// </summary>
    public static TimeWaitPlateau? Measure(IReadOnlyList<Sample> samples, double loadStart, double loadStop, Sample before)
    {
        var load = samples.Where(s => s.Alive && s.Seconds >= loadStart && s.Seconds <= loadStop).ToList();
        if (load.Count < 3)
        {
            return null;
        }

        var clientSide = load.Max(s => s.ClientTcp.TimeWait) - before.ClientTcp.TimeWait > load.Max(s => s.Tcp.TimeWait) - before.Tcp.TimeWait;
        int Count(Sample s) => Math.Max(0, clientSide ? s.ClientTcp.TimeWait - before.ClientTcp.TimeWait : s.Tcp.TimeWait - before.Tcp.TimeWait);
        var last = Count(load[^1]);
        var tailStart = loadStop - ((loadStop - loadStart) * TailShare);
        var tail = load.Where(s => s.Seconds >= tailStart).ToList();
        var tailFirst = tail.Count > 0 ? Count(tail[0]) : last;

        // Level over the last quarter of the load: after 60 s of steady closes, or held down by a cap (port range, tw buckets).
        var flat = last > 0 && Math.Abs(last - tailFirst) <= last * FlatGrowth;
        return new TimeWaitPlateau(last, flat && tail.Count >= 2, clientSide);
    }
}
