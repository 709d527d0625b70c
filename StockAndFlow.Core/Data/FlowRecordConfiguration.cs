using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockAndFlow.Records;

namespace StockAndFlow.Data;

internal sealed class FlowRecordConfiguration : IEntityTypeConfiguration<FlowRecord>
{
    public void Configure(EntityTypeBuilder<FlowRecord> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "FlowRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Flow).HasMaxLength(100).IsRequired();
        builder.Property(r => r.BucketStart).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.UpdatedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => new { r.Flow, r.Period, r.BucketStart }).IsUnique();
    }
}
