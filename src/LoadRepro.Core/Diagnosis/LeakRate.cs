using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>Growth rate of a figure over time, by least squares.</summary>
public static class LeakRate
{
    /// <summary>
    /// Descriptors gained per second while the load ran and before the limit was near
    /// (the flat top at the limit would bend the line); null with fewer than three such samples.
    /// </summary>
    public static double? FdsPerSecond(IReadOnlyList<Sample> samples, double from, double to, int fdLimit)
    {
        var ceiling = fdLimit > 0 ? fdLimit * 0.95 : double.MaxValue;
        var points = samples.Where(s => s.Alive && s.Seconds >= from && s.Seconds <= to && s.Fds < ceiling)
            .Select(s => (s.Seconds, (double)s.Fds)).ToList();
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
