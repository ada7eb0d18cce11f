using System.Globalization;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// One column of a run's samples.csv read by the test itself (header names, comma-separated, one sample a line): its value
/// in the last sample before the load (phase <c>baseline</c>), its peak, and its last value (after the drain).
/// </summary>
public sealed record SampleSeries(double Baseline, double Peak, double Final)
{
    public static SampleSeries Read(string runDirectory, string column)
    {
        var lines = File.ReadAllLines(Path.Combine(runDirectory, "samples.csv"));
        var header = lines[0].Split(',');
        int phase = Array.IndexOf(header, "phase"), at = Array.IndexOf(header, column);
        Assert.True(phase >= 0 && at >= 0, $"samples.csv has no {column} or phase column");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        double Value(string[] row) => double.Parse(row[at], CultureInfo.InvariantCulture);
        return new SampleSeries(Value(rows.Last(r => r[phase] == "baseline")), rows.Max(Value), Value(rows[^1]));
    }

    /// <summary>The peak over the baseline.</summary>
    public double Growth => Peak - Baseline;
}
