using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The SQLite flavour of <see cref="ShopDbContext"/>; its migrations live in Data/Migrations/Sqlite
/// (<c>scripts/add-migration.sh Name</c> adds one for every provider).
/// </summary>
public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options) : ShopDbContext(options);

/// <summary>Lets <c>dotnet ef</c> create the SQLite context without running the app.</summary>
internal sealed class SqliteShopDbContextFactory : IDesignTimeDbContextFactory<SqliteShopDbContext>
{
    public SqliteShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShopDbContext>().UseSqlite("Data Source=design.db").Options);
}
