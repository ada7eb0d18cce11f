namespace LoadRepro.IntegrationTests.Reports;

/// <summary>The tests that share one <see cref="RealComparison"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RealComparisonGroup : ICollectionFixture<RealComparison>
{
    public const string Name = "real comparison";
}
