using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace StockAndFlow.Tests.Packages;

/// <summary>The .nupkg and .snupkg files `dotnet pack` makes: metadata, readme, docs, symbols and dependencies.</summary>
[Collection(FreshHostCollection.Name)]
public sealed class PackagesTests(FreshHostFixture host, ITestOutputHelper output)
{
    public static TheoryData<string> Ids => [.. FreshHostFixture.PackageIds];

    [Theory]
    [MemberData(nameof(Ids))]
    public void PackageCarriesItsMetadataReadmeDocsAndSymbols(string id)
    {
        output.WriteLine($"pack {host.PackTime.TotalSeconds:F1} s, build {host.BuildTime.TotalSeconds:F1} s, start {host.StartTime.TotalSeconds:F1} s");
        var nupkg = Path.Combine(host.Feed, $"{id}.{host.Version}.nupkg");
        Assert.True(File.Exists(Path.Combine(host.Feed, $"{id}.{host.Version}.snupkg")), $"{id} has no symbol package.");

        using var package = ZipFile.OpenRead(nupkg);
        var metadata = Metadata(package);
        Assert.Equal(id, Element(metadata, "id"));
        Assert.Equal(host.Version, Element(metadata, "version"));
        Assert.Equal("StockAndFlow", Element(metadata, "authors"));
        Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description")));
        Assert.Equal("MIT", Element(metadata, "license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.Equal("git", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type")?.Value);
        Assert.Equal("README.md", Element(metadata, "readme"));
        var readme = package.GetEntry("README.md");
        Assert.NotNull(readme);
        using (var reader = new StreamReader(readme.Open()))
        {
            Assert.StartsWith($"# {id}", reader.ReadToEnd(), StringComparison.Ordinal);
        }

        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("content", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("StockAndFlow.Core", new[] { "Hangfire", "Microsoft.EntityFrameworkCore.SqlServer", "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "StockAndFlow." })]
    [InlineData("StockAndFlow.Admin", new[] { "Hangfire", "Microsoft.EntityFrameworkCore.SqlServer", "Microsoft.Data.SqlClient", "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "StockAndFlow.Hangfire", "StockAndFlow.Web" })]
    [InlineData("StockAndFlow.Hangfire", new[] { "Hangfire.SqlServer", "Hangfire.InMemory", "Hangfire.PostgreSql", "Microsoft.EntityFrameworkCore.SqlServer", "Npgsql", "StockAndFlow.Admin", "StockAndFlow.Web" })]
    public void PackageDependsOnlyOnWhatItUses(string id, string[] forbidden)
    {
        using var package = ZipFile.OpenRead(Path.Combine(host.Feed, $"{id}.{host.Version}.nupkg"));
        var dependencies = Metadata(package).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        output.WriteLine($"{id}: {string.Join(", ", dependencies)}");

        Assert.DoesNotContain(dependencies, d => forbidden.Any(f => d.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        if (id != "StockAndFlow.Core")
        {
            Assert.Contains("StockAndFlow.Core", dependencies);
        }
    }

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
}
