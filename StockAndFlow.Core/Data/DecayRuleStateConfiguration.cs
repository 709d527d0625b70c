using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StockAndFlow.Records;

namespace StockAndFlow.Data;

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
