using LoadRepro.Core.Records;

namespace LoadRepro.Core.Sysctls;

/// <summary>A measured figure that a sysctl can move, read the same way from both runs of a comparison.</summary>
/// <param name="Name">The figure, with where it is measured.</param>
/// <param name="Unit">Its unit, e.g. <c>sockets</c>.</param>
/// <param name="Read">Reads it from a run record.</param>
/// <param name="Floor">The smallest difference, in <paramref name="Unit"/>, that counts as a move: below it, run-to-run noise.</param>
/// <param name="Share">The smallest difference, as a share of the larger value, that counts as a move.</param>
public sealed record WatchedFigure(string Name, string Unit, Func<RunRecord, double> Read, double Floor, double Share = WatchedFigure.DefaultShare)
{
    /// <summary>Two runs of the same load on the same machine differ by up to this share of a count without any cause.</summary>
    public const double DefaultShare = 0.10;

    /// <summary>Whether the figure moved from <paramref name="a"/> to <paramref name="b"/> by more than noise.</summary>
    public bool Moved(RunRecord a, RunRecord b)
    {
        var (x, y) = (Read(a), Read(b));
        return Math.Abs(y - x) > Math.Max(Floor, Share * Math.Max(Math.Abs(x), Math.Abs(y)));
    }
}
