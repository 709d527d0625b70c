using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class StockFacetRecordConfiguration : IEntityTypeConfiguration<StockFacetRecord>
{
    public void Configure(EntityTypeBuilder<StockFacetRecord> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "StockFacetRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Stock).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Facet).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Value).HasMaxLength(400).IsRequired();
        builder.Property(r => r.BucketStart).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.CountedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => new { r.Stock, r.Facet, r.Period, r.BucketStart, r.IsNull, r.Value }).IsUnique();
    }
}
