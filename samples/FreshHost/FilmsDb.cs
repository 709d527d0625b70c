using Microsoft.EntityFrameworkCore;

namespace FreshHost;

/// <summary>The app's database: its films and StockAndFlow's tables.</summary>
public sealed class FilmsDb(DbContextOptions<FilmsDb> options) : DbContext(options)
{
    public DbSet<Film> Films => Set<Film>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Film>().Property(f => f.Title).HasMaxLength(200);
        modelBuilder.ApplyStockAndFlow();
    }
}
