using Microsoft.EntityFrameworkCore;
using StockAndFlow.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The demo application's database, with StockAndFlow's tables applied. Each provider has a subclass
/// that owns its migrations (Data/Migrations/&lt;Provider&gt;); add a migration for all of them with
/// <c>scripts/add-migration.sh Name</c>.
/// </summary>
public abstract class ShopDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<SalesRep> SalesReps => Set<SalesRep>();

    public DbSet<Order> Orders => Set<Order>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
        modelBuilder.ApplyStockAndFlow();
    }
}
