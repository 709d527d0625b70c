namespace StockAndFlow.Tests.Browser;

/// <summary>
/// The real-browser tests share one app and one Chromium and run one after another: the bulk-action
/// test changes counts the others read, and one browser is plenty.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
