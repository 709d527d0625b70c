using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;

namespace StockAndFlow.Tests.Web;

/// <summary>The admin of an app that declares nothing yet: empty states, not errors.</summary>
[Collection(StockAndFlow.Tests.Support.HangfireHostsCollection.Name)]
public sealed class AdminEmptyModelTests(AdminEmptyModelTests.EmptyAppFactory factory) : IClassFixture<AdminEmptyModelTests.EmptyAppFactory>
{
    [Fact]
    public async Task IndexExplainsHowToDeclareStocksWhenNothingIsDeclared()
    {
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);

        using var response = await client.GetAsync("/stockflow-admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-stockandflow-admin=\"empty-state\"", html);
        Assert.Contains("IStockAndFlowDefinition", html);
        Assert.DoesNotContain("data-filter-rows", html);
        Assert.Contains("No processes declared", html);
    }

    [Theory]
    [InlineData("/stockflow-admin/jobs", "No decay rules are declared.")]
    [InlineData("/stockflow-admin/executions", "data-stockandflow-admin=\"empty-log\"")]
    public async Task OtherPagesShowTheirEmptyStates(string url, string expected)
    {
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The app with no definitions and no demo rows (its seeder needs the demo's stocks).</summary>
    public sealed class EmptyAppFactory : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("stockandflow-empty-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:StockAndFlow", $"Data Source={Path.Combine(_folder, "app.db")}");
            builder.UseSetting("StockAndFlow:Database:SeedDemoData", "false");
            builder.ConfigureTestServices(services => services.AddSingleton(StockAndFlowModel.From([])));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
