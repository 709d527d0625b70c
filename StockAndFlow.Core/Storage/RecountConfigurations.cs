using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class RecountConfiguration : IEntityTypeConfiguration<Recount>
{
    public void Configure(EntityTypeBuilder<Recount> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "Recounts");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Stock).HasMaxLength(100).IsRequired();
        builder.Property(e => e.CountedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(e => e.OpenedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(e => new { e.Stock, e.CountedAt });
    }
}

internal sealed class BridgeLineConfiguration : IEntityTypeConfiguration<BridgeLine>
{
    public void Configure(EntityTypeBuilder<BridgeLine> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "BridgeLines");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Stock).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Facet).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Value).HasMaxLength(400).IsRequired();
        builder.Property(e => e.Flow).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => e.RecountId);
    }
}
