namespace LoadRepro.Core.Judgement;

/// <summary>One key figure of both runs.</summary>
public sealed record ComparisonFigure
{
    /// <summary>The figure, with where it is measured.</summary>
    public required string Name { get; init; }

    /// <summary>Its unit, e.g. <c>sockets</c>, <c>ms</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>A's value; null when A did not reach it (e.g. no EMFILE).</summary>
    public double? A { get; init; }

    /// <summary>B's value; null when B did not reach it.</summary>
    public double? B { get; init; }

    /// <summary>The change from A to B in words, e.g. <c>−1350 (−99%)</c>.</summary>
    public required string Change { get; init; }

    /// <summary>Which run did better; null when they are about the same or better has no direction (compare.json writes it empty).</summary>
    public ComparisonSide? Better { get; init; }
}
