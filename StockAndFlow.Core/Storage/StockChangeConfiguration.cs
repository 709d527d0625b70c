using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class StockChangeConfiguration : IEntityTypeConfiguration<StockChange>
{
    public void Configure(EntityTypeBuilder<StockChange> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "StockChanges");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Stock).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Facet).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Value).HasMaxLength(400).IsRequired();
        builder.Property(e => e.Flow).HasMaxLength(100);
        builder.Property(e => e.OccurredAt).HasConversion<UtcDateTimeConverter>();

        // A bridge reads one stock's changes between two recounts: a range of this index.
        builder.HasIndex(e => new { e.Stock, e.Id });
    }
}
