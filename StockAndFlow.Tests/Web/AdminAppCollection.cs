namespace StockAndFlow.Tests.Web;

/// <summary>
/// The admin's page tests share one app (seeding a year of demo history is the slow part) and run one
/// after another, so the tests that apply actions never race the ones that count rows.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AdminAppCollection : ICollectionFixture<AdminAppFactory>
{
    public const string Name = "Admin app";
}
