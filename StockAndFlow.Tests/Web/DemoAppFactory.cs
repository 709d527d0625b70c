using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace StockAndFlow.Tests.Web;

/// <summary>The demo app on its embedded default, SQLite, in a private database file.</summary>
public sealed class DemoAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stockandflow-web-").FullName;

    public string DatabasePath => Path.Combine(_folder, "app.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:StockAndFlow", $"Data Source={DatabasePath}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
