using System.Text.RegularExpressions;
using StockAndFlow.Admin;


namespace StockAndFlow.Tests.Architecture;

/// <summary>
/// The admin has one name: <c>StockAndFlowAdmin</c> in C# and <c>stockandflow-admin</c> where a
/// kebab-case name is needed (route names, CSS classes, prefixed data attributes, browser events).
/// </summary>
public sealed partial class AdminNameTests
{
    private const string Kebab = "stockandflow-admin";

    [Fact]
    public void AreaAndPolicyAreNamedStockAndFlowAdmin()
    {
        Assert.Equal("StockAndFlowAdmin", AdminRoutes.Area);
        Assert.Equal("StockAndFlowAdmin", StockAndFlowAdminOptions.DefaultPolicy);
    }

    [Fact]
    public void EveryRouteNameUsesTheKebabName()
    {
        Assert.All(AdminRoutes.Pages, route => Assert.StartsWith(Kebab + "-", route.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryClassTheAdminStylesheetDeclaresUsesTheKebabName()
    {
        var css = CssComment().Replace(File.ReadAllText(Path.Combine(AdminSource(), "wwwroot", "admin.css")), "");
        var declared = CssClass().Matches(css).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, name => Assert.StartsWith(Kebab + "-", name, StringComparison.Ordinal));
    }

    [Fact]
    public void NoOtherAbbreviationOfTheAdminIsLeftInItsSources()
    {
        var sources = Directory.EnumerateFiles(AdminSource(), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal)
                || path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".css", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(sources);
        var offenders = sources
            .SelectMany(path => OtherName().Matches(File.ReadAllText(path)).Select(m => $"{Path.GetFileName(path)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string AdminSource() => Path.Combine(PublicApiTests.RepositoryRoot(), "StockAndFlow.Admin");

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"\.([a-zA-Z][-a-zA-Z0-9_]*)[^{;]*\{")]
    private static partial Regex CssClass();

    // The names the admin had before it had one: the "sfa" abbreviation, the "StockFlowAdmin" area and
    // a "stockflow-admin" kebab form. (A host's own path such as /stockflow-admin appears only in the demo.)
    [GeneratedRegex(@"\bsfa[-A-Z]|data-sfa|StockFlowAdmin|stockflow-admin[-:]")]
    private static partial Regex OtherName();
}
