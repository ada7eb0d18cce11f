using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>Growth rate of a figure over time, by least squares.</summary>
public static class LeakRate
{
    /// <summary>
    /// Descriptors gained per second while they grew: from the load's start until they first reach 95% of their
    /// peak growth (the flat top, at the limit or after the leak stopped, would bend the line); null with fewer than three such samples.
    /// </summary>
    public static double? FdsPerSecond(IReadOnlyList<Sample> samples, double from, double to, int fdLimit)
    {
        // The last reading before the load is where growth starts from: on a busy machine the sampler may catch only one
        // or two readings on the way up, and without it a fast leak would have no rate at all.
        var window = samples.Where(s => s.Alive && s.Fds > 0 && s.Seconds >= from && s.Seconds <= to).ToList();
        if (samples.LastOrDefault(s => s.Alive && s.Fds > 0 && s.Seconds < from) is { } before)
        {
            window.Insert(0, before);
        }

        if (window.Count < 3)
        {
            return null;
        }

        var start = window[0].Fds;
        var top = window.Max(s => s.Fds);
        var ceiling = Math.Min(start + (0.95 * (top - start)), fdLimit > 0 ? fdLimit * 0.95 : double.MaxValue);
        var points = new List<(double, double)>();
        foreach (var s in window)
        {
            points.Add((s.Seconds, s.Fds));
            if (s.Fds >= ceiling)
            {
                break;
            }
        }

        return Slope(points);
    }

    /// <summary>Least-squares slope of y over x; null with fewer than three points or no spread in x.</summary>
    public static double? Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 3)
        {
            return null;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        if (sxx <= 0)
        {
            return null;
        }

        return points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }
}
