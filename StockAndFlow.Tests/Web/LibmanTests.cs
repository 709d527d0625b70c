using System.Text.Json;
using System.Text.RegularExpressions;

namespace StockAndFlow.Tests.Web;

/// <summary>
/// libman.json is the declaration of the vendored front-end libraries (LibMan's CLI is not served
/// here, so the files are committed): what it declares is what wwwroot/lib holds, each library under
/// a folder naming its version, and no page or admin script loads anything from a CDN.
/// </summary>
public sealed partial class LibmanTests
{
    private static readonly string Admin = Path.Combine(RepositoryRoot(), "StockAndFlow.Admin");
    private static readonly string Lib = Path.Combine(Admin, "wwwroot", "lib");

    public static TheoryData<string, string> DeclaredFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var library in Libraries())
        {
            foreach (var file in library.Files)
            {
                data.Add(library.Library, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredFiles))]
    public void EveryDeclaredFileIsVendoredUnderWwwrootLib(string library, string file)
    {
        var declared = Libraries().Single(l => l.Library == library);

        var path = Path.Combine(Admin, declared.Destination, file);

        Assert.True(File.Exists(path), $"libman.json declares {library}/{file}, but {Path.GetRelativePath(Admin, path)} does not exist.");
        Assert.True(new FileInfo(path).Length > 0, $"{Path.GetRelativePath(Admin, path)} is empty.");
    }

    [Fact]
    public void EachLibraryIsFromJsdelivrAtAPinnedVersionInAFolderNamingIt()
    {
        Assert.NotEmpty(Libraries());
        Assert.All(Libraries(), library =>
        {
            Assert.Equal("jsdelivr", library.Provider);
            Assert.Matches(@"^(@[a-z0-9.-]+/)?[a-z0-9.-]+@\d+\.\d+\.\d+$", library.Library);
            Assert.Equal($"wwwroot/lib/{library.Library}/", library.Destination);
            Assert.NotEmpty(library.Files);
        });
        Assert.Contains(Libraries(), l => l.Library.StartsWith("bootstrap@5.3.", StringComparison.Ordinal));
        Assert.Contains(Libraries(), l => l.Library.StartsWith("chart.js@4.", StringComparison.Ordinal));
        Assert.Contains(Libraries(), l => l.Library.StartsWith("chartjs-adapter-date-fns@", StringComparison.Ordinal));
    }

    [Fact]
    public void WwwrootLibHoldsNothingLibmanJsonDoesNotDeclare()
    {
        var declared = Libraries()
            .SelectMany(l => l.Files.Select(f => Path.GetFullPath(Path.Combine(Admin, l.Destination, f))))
            .ToHashSet(StringComparer.Ordinal);

        var undeclared = Directory.EnumerateFiles(Lib, "*", SearchOption.AllDirectories)
            .Where(f => !declared.Contains(Path.GetFullPath(f)))
            .Select(f => Path.GetRelativePath(Admin, f))
            .ToList();

        Assert.True(undeclared.Count == 0, $"Not declared in libman.json: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void EachVendoredScriptAndStylesheetIsTheDeclaredVersion()
    {
        foreach (var library in Libraries())
        {
            var version = library.Library[(library.Library.LastIndexOf('@') + 1)..];
            foreach (var file in library.Files.Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal)))
            {
                // A build without a version banner is checked against the package.json vendored beside it.
                var banner = File.ReadAllText(Path.Combine(Admin, library.Destination, file))[..400];
                var manifest = Path.Combine(Admin, library.Destination, "package.json");
                var announced = banner.Contains($"v{version}", StringComparison.Ordinal)
                    || (library.Files.Contains("package.json") && JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("version").GetString() == version);
                Assert.True(announced, $"{library.Library}/{file} does not announce v{version}.");
            }
        }
    }

    [Fact]
    public void EveryLibraryFileThePagesLoadIsDeclared()
    {
        var declared = Libraries()
            .SelectMany(l => l.Files.Select(f => $"lib/{l.Library}/{f}"))
            .ToHashSet(StringComparer.Ordinal);

        var loaded = Views()
            .SelectMany(v => LibReference().Matches(File.ReadAllText(v)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.Contains(loaded, l => l.Contains("bootstrap.min.css", StringComparison.Ordinal));
        Assert.Contains(loaded, l => l.Contains("chart.umd.min.js", StringComparison.Ordinal));
        Assert.All(loaded, l => Assert.True(declared.Contains(l), $"A view loads ~/{l}, which libman.json does not declare."));
    }

    [Fact]
    public void NoViewOrAdminAssetLoadsFromACdn()
    {
        var offenders = new List<string>();
        foreach (var view in Views())
        {
            foreach (Match match in RemoteScriptOrStylesheet().Matches(File.ReadAllText(view)))
            {
                offenders.Add($"{Path.GetRelativePath(Admin, view)}: {match.Value}");
            }
        }

        foreach (var asset in Directory.EnumerateFiles(Path.Combine(Admin, "wwwroot"), "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(Lib, StringComparison.Ordinal)))
        {
            // XML namespace names (createElementNS) identify, they load nothing.
            foreach (Match match in RemoteUrl().Matches(File.ReadAllText(asset)).Where(m => m.Value != "http://www.w3.org"))
            {
                offenders.Add($"{Path.GetRelativePath(Admin, asset)}: {match.Value}");
            }
        }

        Assert.True(offenders.Count == 0, "Loaded from another origin: " + string.Join("; ", offenders));
    }

    // The admin's views and the demo host's own pages, which load Bootstrap from the admin's assets.
    private static IEnumerable<string> Views() =>
        new[] { Admin, Path.Combine(RepositoryRoot(), "StockAndFlow.Web") }
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static List<LibmanLibrary> Libraries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Admin, "libman.json")));
        var defaultProvider = json.RootElement.TryGetProperty("defaultProvider", out var p) ? p.GetString() : null;
        return
        [
            .. json.RootElement.GetProperty("libraries").EnumerateArray().Select(l => new LibmanLibrary(
                l.TryGetProperty("provider", out var provider) ? provider.GetString()! : defaultProvider!,
                l.GetProperty("library").GetString()!,
                l.GetProperty("destination").GetString()!,
                [.. l.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)])),
        ];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StockAndFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StockAndFlow.sln above {AppContext.BaseDirectory}.");
    }

    // ~/_content/StockAndFlow.Admin/lib/<library>/<file>, in a src or href or a Url.Content(...).
    [GeneratedRegex("""~/_content/StockAndFlow\.Admin/(lib/[^"'?#)]+)""")]
    private static partial Regex LibReference();

    // A <script src> or <link href> (stylesheets, preloads, modules) pointing at another origin.
    [GeneratedRegex("""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']\s*(?:https?:)?//[^"']*""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteScriptOrStylesheet();

    // Any absolute or protocol-relative URL in an admin script or stylesheet (imports, fetches, url()).
    [GeneratedRegex("""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrl();

    private sealed record LibmanLibrary(string Provider, string Library, string Destination, IReadOnlyList<string> Files);
}
