using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Tests.Support;

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<LongItem> LongItems => Set<LongItem>();

    public DbSet<GuidItem> GuidItems => Set<GuidItem>();

    public DbSet<StringItem> StringItems => Set<StringItem>();

    public DbSet<LineItem> LineItems => Set<LineItem>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Chore> Chores => Set<Chore>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GuidItem>().Property(i => i.Id).ValueGeneratedNever();
        modelBuilder.Entity<StringItem>().Property(i => i.Id).ValueGeneratedNever();
        modelBuilder.Entity<LineItem>().HasKey(i => new { i.OrderNo, i.LineNo });
        modelBuilder.ApplyStockAndFlow();
    }
}
