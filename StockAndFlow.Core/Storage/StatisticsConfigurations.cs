using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockAndFlow.Statistics;

namespace StockAndFlow.Storage;

internal sealed class StatisticDomainConfiguration : IEntityTypeConfiguration<StatisticDomain>
{
    public void Configure(EntityTypeBuilder<StatisticDomain> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "StatisticDomains");
        builder.Property(d => d.Ref).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(1000);
        builder.HasIndex(d => d.Ref).IsUnique();
    }
}

internal sealed class StatisticMetricConfiguration : IEntityTypeConfiguration<StatisticMetric>
{
    public void Configure(EntityTypeBuilder<StatisticMetric> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "StatisticMetrics");
        builder.Property(m => m.Ref).HasMaxLength(100).IsRequired();
        builder.Property(m => m.Name).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Description).HasMaxLength(1000);
        builder.HasIndex(m => new { m.DomainId, m.Ref }).IsUnique();
        builder.HasOne<StatisticDomain>().WithMany().HasForeignKey(m => m.DomainId);
    }
}

internal sealed class StatisticConfiguration : IEntityTypeConfiguration<Statistic>
{
    public void Configure(EntityTypeBuilder<Statistic> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "Statistics");
        builder.Property(s => s.ObjectType).HasMaxLength(200).IsRequired();
        builder.Property(s => s.ObjectKey).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Value).HasPrecision(28, 8);
        builder.Property(s => s.Date).HasConversion<UtcDateTimeConverter>();
        builder.Property(s => s.UpdatedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(s => new { s.MetricId, s.Period, s.Date, s.ObjectType, s.ObjectKey }).IsUnique();
        builder.HasOne<StatisticMetric>().WithMany().HasForeignKey(s => s.MetricId);
    }
}
