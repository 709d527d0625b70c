using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class AlertIncidentConfiguration : IEntityTypeConfiguration<AlertIncident>
{
    public void Configure(EntityTypeBuilder<AlertIncident> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "AlertIncidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Alert).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Message).HasMaxLength(500).IsRequired();
        builder.Property(i => i.FiredAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(i => i.ResolvedAt).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(i => new { i.Alert, i.FiredAt });
    }
}
