using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StockAndFlow.Tests.Providers;

/// <summary>The demo app configured as an operator would: a provider and a connection string.</summary>
public sealed class ProviderAppFactory(string provider, string connectionString, string environment = "Development", bool seed = true)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("StockAndFlow:Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:StockAndFlow", connectionString);
        builder.UseSetting("StockAndFlow:Database:SeedDemoData", seed ? "true" : "false");
    }
}
