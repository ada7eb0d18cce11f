namespace LoadRepro.Reports.Charts;

/// <summary>A chart over time: its lines, moments and an optional horizontal limit.</summary>
public sealed record ChartSpec
{
    /// <summary>The title above the chart.</summary>
    public required string Title { get; init; }

    /// <summary>The Y axis label, with its unit.</summary>
    public required string YLabel { get; init; }

    /// <summary>The X axis label, with its unit.</summary>
    public string XLabel { get; init; } = "seconds since the load started (s)";

    /// <summary>The lines.</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>Vertical markers.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>A horizontal line such as the descriptor limit, with its label; null for none.</summary>
    public (double Value, string Label)? Limit { get; init; }
}
