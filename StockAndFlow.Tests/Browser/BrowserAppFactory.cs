using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Hosting;
using StockAndFlow.Tests.Web;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// The demo app in Development on a private SQLite file, served by Kestrel on a free loopback port so a
/// real browser can reach it (.NET 10's <c>UseKestrel</c> + <c>StartServer</c>), with the admin tests'
/// own actions (<see cref="AdminTestActions"/>) so the bulk-action test does not depend on the demo's.
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stockandflow-browser-").FullName;

    public BrowserAppFactory() => UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

    public string DatabasePath => Path.Combine(_folder, "app.db");

    /// <summary>Starts the server (seeding the demo on first run) and answers its address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without an address.");
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:StockAndFlow", $"Data Source={DatabasePath}");
        builder.ConfigureTestServices(services =>
        {
            var registry = (DefinitionRegistry)services.Single(d => d.ServiceType == typeof(DefinitionRegistry)).ImplementationInstance!;
            registry.Add(new AdminTestActions());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
