using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class StockRecordConfiguration : IEntityTypeConfiguration<StockRecord>
{
    public void Configure(EntityTypeBuilder<StockRecord> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "StockRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Stock).HasMaxLength(100).IsRequired();
        builder.Property(r => r.BucketStart).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.CountedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => new { r.Stock, r.Period, r.BucketStart }).IsUnique();
    }
}
