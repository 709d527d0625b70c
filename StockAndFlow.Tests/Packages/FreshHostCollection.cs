namespace StockAndFlow.Tests.Packages;

/// <summary>One fresh host for the classes that use it; run alone, after the parallel tests, since packing and building take both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FreshHostCollection : ICollectionFixture<FreshHostFixture>
{
    public const string Name = "Fresh host";
}
