using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class FlowEventConfiguration : IEntityTypeConfiguration<FlowEvent>
{
    public void Configure(EntityTypeBuilder<FlowEvent> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "FlowEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Flow).HasMaxLength(100).IsRequired();
        builder.Property(e => e.SubjectType).HasMaxLength(200).IsRequired();
        builder.Property(e => e.SubjectKey).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Source).HasMaxLength(100);
        builder.Property(e => e.Sink).HasMaxLength(100);
        builder.Property(e => e.OccurredAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(e => new { e.Flow, e.OccurredAt });
        builder.HasIndex(e => new { e.SubjectType, e.SubjectKey });
        builder.HasIndex(e => e.OccurredAt);

        // A bridge reads one stock's inflows and outflows between two recounts: a range of each.
        builder.HasIndex(e => new { e.Sink, e.Id });
        builder.HasIndex(e => new { e.Source, e.Id });
    }
}
