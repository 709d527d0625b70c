using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class FlowRecordConfiguration : IEntityTypeConfiguration<FlowRecord>
{
    public void Configure(EntityTypeBuilder<FlowRecord> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "FlowRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Flow).HasMaxLength(100).IsRequired();
        builder.Property(r => r.BucketStart).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.UpdatedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.Facet).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Value).HasMaxLength(400).IsRequired();
        builder.HasIndex(r => new { r.Flow, r.Facet, r.Period, r.BucketStart, r.IsNull, r.Value }).IsUnique();
    }
}
