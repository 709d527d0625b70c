using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockAndFlow.Insights;

namespace StockAndFlow.Storage;

internal sealed class InsightRunConfiguration : IEntityTypeConfiguration<InsightRun>
{
    public void Configure(EntityTypeBuilder<InsightRun> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "InsightRuns");
        builder.Property(r => r.StartedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.FinishedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class InsightResultConfiguration : IEntityTypeConfiguration<InsightResult>
{
    public void Configure(EntityTypeBuilder<InsightResult> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "InsightResults");
        builder.Property(r => r.Insight).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.Gauge).HasPrecision(28, 8);
        builder.Property(r => r.CollectedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(r => new { r.Insight, r.RunId });
        builder.HasOne<InsightRun>().WithMany().HasForeignKey(r => r.RunId);
    }
}
