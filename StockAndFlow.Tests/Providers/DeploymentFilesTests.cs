using System.Text.RegularExpressions;
using System.Xml.Linq;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Providers;

/// <summary>
/// docker-compose.yml and the Dockerfile cannot run here (no Docker engine); these checks keep them in
/// step with the code: the settings they pass are the keys the app reads, and the image builds every
/// project the Web app references.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Compose_RunsTheWebAppOnSqlServer_MigratingAtStartUp_WithSecretsFromTheEnvironment()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var environment = EnvironmentEntry().Matches(compose).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Trim().Trim('"'));

        Assert.Equal(nameof(DatabaseProvider.SqlServer), environment[Key(DatabaseOptions.Section + ":Provider")]);
        Assert.Equal("true", environment[Key(DatabaseOptions.Section + ":MigrateOnStartup")]);
        Assert.StartsWith("Server=sqlserver", environment[Key(DatabaseSetup.ConnectionStringKey)], StringComparison.Ordinal);
        Assert.StartsWith("${STOCKANDFLOW_ADMIN_EMAIL:?", environment["StockAndFlow__Admin__Email"], StringComparison.Ordinal);
        Assert.StartsWith("${STOCKANDFLOW_ADMIN_PASSWORD:?", environment["StockAndFlow__Admin__Password"], StringComparison.Ordinal);
        Assert.Contains("image: mcr.microsoft.com/mssql/server:", compose, StringComparison.Ordinal);
        Assert.Contains("sqlcmd", compose, StringComparison.Ordinal);
        Assert.Contains("condition: service_healthy", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_CopiesEveryProjectTheWebAppBuildsFrom()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var web = XDocument.Load(Path.Combine(Root, "StockAndFlow.Web", "StockAndFlow.Web.csproj"));
        var projects = web.Descendants("ProjectReference")
            .Select(p => Path.GetFileNameWithoutExtension(p.Attribute("Include")!.Value.Replace('\\', '/')))
            .Append("StockAndFlow.Web");

        Assert.All(projects, p => Assert.Contains($"COPY {p}/ {p}/", dockerfile, StringComparison.Ordinal));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0", dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile, StringComparison.Ordinal);
    }

    // Configuration keys as environment variables: ':' becomes '__'.
    private static string Key(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StockAndFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (StockAndFlow.sln) is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s+(?<key>(StockAndFlow|ConnectionStrings)__[A-Za-z_]+):\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex EnvironmentEntry();
}
