using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The SQL Server flavour of <see cref="ShopDbContext"/>; its migrations live in Data/Migrations/SqlServer
/// (<c>scripts/add-migration.sh Name</c> adds one for every provider).
/// </summary>
public sealed class SqlServerShopDbContext(DbContextOptions<SqlServerShopDbContext> options) : ShopDbContext(options);

/// <summary>
/// Lets <c>dotnet ef</c> create the SQL Server context without running the app. The connection string
/// is a placeholder: adding migrations and generating scripts never connect, and
/// <c>dotnet ef database update --connection "..."</c> replaces it.
/// </summary>
internal sealed class SqlServerShopDbContextFactory : IDesignTimeDbContextFactory<SqlServerShopDbContext>
{
    public SqlServerShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerShopDbContext>()
            .UseSqlServer("Server=localhost;Database=StockAndFlow;Integrated Security=True;TrustServerCertificate=True")
            .Options);
}
