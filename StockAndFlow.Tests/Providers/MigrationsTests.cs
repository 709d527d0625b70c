using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StockAndFlow.Tests.Providers;

/// <summary>Every provider has migrations, in its own folder, and none misses a model change.</summary>
public sealed class MigrationsTests
{
    [Theory, MemberData(nameof(DesignTimeContexts.Providers), MemberType = typeof(DesignTimeContexts))]
    public void Migrations_ExistAndCoverTheModel_ForEveryProvider(string provider)
    {
        using var db = DesignTimeContexts.Create(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The {provider} migrations do not match the model: run scripts/add-migration.sh <Name> (it adds one for every provider).");
    }

    [Theory, MemberData(nameof(DesignTimeContexts.Providers), MemberType = typeof(DesignTimeContexts))]
    public void Migrations_LiveInTheirProvidersFolder(string provider)
    {
        using var db = DesignTimeContexts.Create(provider);

        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Values;

        Assert.All(migrations, m => Assert.Equal($"StockAndFlow.Web.Data.Migrations.{provider}", m.Namespace));
        Assert.Equal($"StockAndFlow.Web.Data.Migrations.{provider}", db.GetService<IMigrationsAssembly>().ModelSnapshot?.GetType().Namespace);
    }

    [Fact]
    public void Migrations_HaveTheSameNames_OnEveryProvider()
    {
        var names = Enum.GetNames<StockAndFlow.Web.Data.DatabaseProvider>().ToDictionary(
            p => p,
            p =>
            {
                using var db = DesignTimeContexts.Create(p);
                return db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
            });

        Assert.All(names.Values, n => Assert.Equal(names["Sqlite"], n));
    }
}
