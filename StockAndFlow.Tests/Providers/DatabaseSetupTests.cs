using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Providers;

/// <summary>One setting chooses the store; a wrong or incomplete setting stops start-up and says what to set.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData("Oracle")]
    [InlineData("")]
    [InlineData("1")]
    public void UnknownProvider_StopsStartUp_NamingTheKeyAndTheAllowedValues(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(("StockAndFlow:Database:Provider", provider)));

        Assert.Contains("StockAndFlow:Database:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{provider}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("PostgreSql")]
    public void ServerProvider_WithoutConnectionString_StopsStartUp_NamingTheKey(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(("StockAndFlow:Database:Provider", provider)));

        Assert.Contains("ConnectionStrings:StockAndFlow", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__StockAndFlow", error.Message, StringComparison.Ordinal);
        Assert.Contains(provider, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", "Data Source=:memory:", typeof(SqliteShopDbContext), "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("SQLSERVER", "Server=127.0.0.1;Database=x", typeof(SqlServerShopDbContext), "Microsoft.EntityFrameworkCore.SqlServer")]
    [InlineData(" PostgreSQL ", "Host=127.0.0.1;Database=x", typeof(PostgreSqlShopDbContext), "Npgsql.EntityFrameworkCore.PostgreSQL")]
    public void Provider_IsCaseInsensitive_AndChoosesItsOwnContext(string provider, string connectionString, Type context, string efProvider)
    {
        using var services = Register(("StockAndFlow:Database:Provider", provider), ("ConnectionStrings:StockAndFlow", connectionString));
        using var scope = services.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();

        Assert.IsType(context, db);
        Assert.Equal(efProvider, db.Database.ProviderName);
    }

    [Fact]
    public void Sqlite_KeepsItsAppDataDefault_AndHangfireInMemory()
    {
        var root = Directory.CreateTempSubdirectory("stockandflow-setup-").FullName;
        try
        {
            using var services = Register(root);
            using var scope = services.CreateScope();

            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();

            Assert.Equal(Path.Combine(root, "App_Data", "stockandflow.db"), new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            Assert.IsType<InMemoryStorage>(services.GetRequiredService<JobStorage>());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MigrateOnStartup_IsOnInDevelopmentAndForSqlite_OffOtherwise_UnlessSet()
    {
        var development = new FakeEnvironment(".", Environments.Development);
        var production = new FakeEnvironment(".", Environments.Production);

        Assert.True(new DatabaseOptions { Provider = "Sqlite" }.ShouldMigrateOnStartup(production));
        Assert.True(new DatabaseOptions { Provider = "PostgreSql" }.ShouldMigrateOnStartup(development));
        Assert.False(new DatabaseOptions { Provider = "PostgreSql" }.ShouldMigrateOnStartup(production));
        Assert.False(new DatabaseOptions { Provider = "SqlServer" }.ShouldMigrateOnStartup(production));
        Assert.True(new DatabaseOptions { Provider = "SqlServer", MigrateOnStartup = true }.ShouldMigrateOnStartup(production));
        Assert.False(new DatabaseOptions { Provider = "Sqlite", MigrateOnStartup = false }.ShouldMigrateOnStartup(development));
    }

    [Fact]
    public void TheAppRefusesToStart_WhenTheProviderIsUnknown()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("StockAndFlow:Database:Provider", "MongoDb"));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("StockAndFlow:Database:Provider", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Register(params (string Key, string Value)[] settings) => Register(Path.GetTempPath(), settings);

    private static ServiceProvider Register(string contentRoot, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddShopDatabase(configuration, new FakeEnvironment(contentRoot, Environments.Production));
        services.AddStockAndFlow<ShopDbContext>();
        return services.BuildServiceProvider();
    }

    private sealed class FakeEnvironment(string contentRoot, string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "StockAndFlow.Web";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
