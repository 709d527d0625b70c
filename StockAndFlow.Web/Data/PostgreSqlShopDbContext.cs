using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The PostgreSQL flavour of <see cref="ShopDbContext"/>; its migrations live in Data/Migrations/PostgreSql
/// (<c>scripts/add-migration.sh Name</c> adds one for every provider).
/// </summary>
public sealed class PostgreSqlShopDbContext(DbContextOptions<PostgreSqlShopDbContext> options) : ShopDbContext(options);

/// <summary>
/// Lets <c>dotnet ef</c> create the PostgreSQL context without running the app. The connection string
/// is a placeholder: adding migrations and generating scripts never connect, and
/// <c>dotnet ef database update --connection "..."</c> replaces it.
/// </summary>
internal sealed class PostgreSqlShopDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlShopDbContext>
{
    public PostgreSqlShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlShopDbContext>()
            .UseNpgsql("Host=localhost;Database=stockandflow;Username=stockandflow")
            .Options);
}
