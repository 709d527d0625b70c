using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    public void Configure(EntityTypeBuilder<Checkpoint> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "Checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.UpdatedAt).HasConversion<UtcDateTimeConverter>();
    }
}
