using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class DecayRunConfiguration : IEntityTypeConfiguration<DecayRun>
{
    public void Configure(EntityTypeBuilder<DecayRun> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "DecayRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Rule).HasMaxLength(100).IsRequired();
        builder.Property(r => r.FromStock).HasMaxLength(100).IsRequired();
        builder.Property(r => r.ToStock).HasMaxLength(100).IsRequired();
        builder.Property(r => r.RanBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.StartedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.FinishedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => r.StartedAt);
    }
}
