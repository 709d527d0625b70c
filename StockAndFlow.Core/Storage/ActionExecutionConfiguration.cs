using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class ActionExecutionConfiguration : IEntityTypeConfiguration<ActionExecution>
{
    public void Configure(EntityTypeBuilder<ActionExecution> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "ActionExecutions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Stock).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Filter).HasMaxLength(1000).IsRequired();
        builder.Property(e => e.FilterJson).IsRequired();
        builder.Property(e => e.User).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Error).HasMaxLength(2000);
        builder.Property(e => e.Owner).HasMaxLength(300);
        builder.Property(e => e.RequestedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(e => e.FinishedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(e => e.RequestedAt);
    }
}
