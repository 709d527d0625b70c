using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Web.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Plan).HasMaxLength(40);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.HasIndex(c => c.Status);
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Email).HasMaxLength(200);
        builder.Property(l => l.Source).HasMaxLength(40);
        builder.HasOne(l => l.Owner).WithMany(r => r.Leads).HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(l => l.Temperature);
    }
}

internal sealed class SalesRepConfiguration : IEntityTypeConfiguration<SalesRep>
{
    public void Configure(EntityTypeBuilder<SalesRep> builder) => builder.Property(r => r.Name).HasMaxLength(200);
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Total).HasPrecision(18, 2);
        builder.HasOne(o => o.Customer).WithMany(c => c.Orders).HasForeignKey(o => o.CustomerId);
        builder.HasIndex(o => o.PlacedAt);
    }
}
