using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Benchmarks.Model;

/// <summary>The host context of the benchmarks: members plus StockAndFlow's own tables.</summary>
public sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new MemberConfiguration());
        modelBuilder.ApplyStockAndFlow();
    }
}
