using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StockAndFlow.Storage;

internal sealed class DecayRuleStateConfiguration : IEntityTypeConfiguration<DecayRuleState>
{
    public void Configure(EntityTypeBuilder<DecayRuleState> builder)
    {
        builder.ToTable(StockAndFlowModelBuilderExtensions.TablePrefix + "DecayRuleStates");
        builder.HasKey(s => s.Rule);
        builder.Property(s => s.Rule).HasMaxLength(100);
        builder.Property(s => s.ChangedAt).HasConversion<UtcDateTimeConverter>();
    }
}
