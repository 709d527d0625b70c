using Microsoft.Playwright;
using Xunit.Abstractions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// Where the browser tests leave their screenshots: <c>TestResults/screenshots</c> at the repository root
/// (the folder ./test.sh collects results in), or <c>STOCKANDFLOW_SCREENSHOTS</c> when set. The README's
/// screenshots go to <c>docs/screenshots</c>.
/// </summary>
public static class Screenshots
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } =
        Environment.GetEnvironmentVariable("STOCKANDFLOW_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(RepositoryRoot, "TestResults", "screenshots");

    /// <summary>Saves what the window shows as <c>{test}-{step}.png</c> and answers the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string test, string step, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{test}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output?.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Saves the window (1280×900) as a README screenshot under <c>docs/screenshots</c>.</summary>
    public static async Task<string> SaveForReadmeAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output?.WriteLine($"README screenshot: {path}");
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StockAndFlow.sln")))
            {
                return dir.FullName;
            }
        }

        // Run from a copied output folder: keep the pictures beside the tests.
        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
