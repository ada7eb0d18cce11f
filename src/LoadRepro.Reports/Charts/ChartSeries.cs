namespace LoadRepro.Reports.Charts;

/// <summary>One line of a chart: points over seconds since the load started.</summary>
/// <param name="Label">What the line is, as the legend shows it.</param>
/// <param name="Seconds">X values: seconds since the load started.</param>
/// <param name="Values">Y values, one per second value.</param>
/// <param name="Color">Its colour as <c>#rrggbb</c>.</param>
/// <param name="Dashed">Dashed instead of solid: the second run of a comparison.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Seconds, IReadOnlyList<double> Values, string Color, bool Dashed = false);
