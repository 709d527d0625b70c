using StockAndFlow.Storage;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Web.Data;

/// <summary>
/// The demo application's database: its entities, ASP.NET Core Identity's tables and StockAndFlow's tables. Each provider has a subclass
/// that owns its migrations (Data/Migrations/&lt;Provider&gt;); add a migration for all of them with
/// <c>scripts/add-migration.sh Name</c>.
/// </summary>
public abstract class ShopDbContext(DbContextOptions options) : IdentityDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<SalesRep> SalesReps => Set<SalesRep>();

    public DbSet<Order> Orders => Set<Order>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
        modelBuilder.ApplyStockAndFlow();
    }
}
