namespace StockAndFlow.Tests.Packages;

/// <summary>
/// The README's "Add StockAndFlow to your app" shows samples/FreshHost's files verbatim, and that sample
/// is what FreshHostTests packs, builds and runs: the README cannot drift from code that compiles.
/// </summary>
public sealed class ReadmeSampleTests
{
    [Theory]
    [InlineData("Program.cs")]
    [InlineData("FilmsDb.cs")]
    [InlineData("FilmStocks.cs")]
    public void ReadmeShowsTheFreshHostFileVerbatim(string file)
    {
        var root = FreshHostFixture.RepositoryRoot();
        var readme = Normalize(File.ReadAllText(Path.Combine(root, "README.md")));
        var code = Normalize(File.ReadAllText(Path.Combine(root, "samples", "FreshHost", file)));

        Assert.Contains($"```csharp\n// {file}\n{code}```\n", readme, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
