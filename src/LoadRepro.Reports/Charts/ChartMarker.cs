namespace LoadRepro.Reports.Charts;

/// <summary>A vertical line at a moment of the run (load start, load stop, first EMFILE).</summary>
/// <param name="Seconds">When, in seconds since the load started.</param>
/// <param name="Label">What happened then.</param>
/// <param name="Color">Its colour as <c>#rrggbb</c>.</param>
public sealed record ChartMarker(double Seconds, string Label, string Color);
