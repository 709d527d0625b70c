
// Lives beside ModelBuilder so `modelBuilder.ApplyStockAndFlow()` needs no extra using.
#pragma warning disable IDE0130
using StockAndFlow.Storage;

namespace Microsoft.EntityFrameworkCore;
#pragma warning restore IDE0130

/// <summary>Maps StockAndFlow's tables (prefixed <c>StockAndFlow_</c>) into the host's DbContext.</summary>
public static class StockAndFlowModelBuilderExtensions
{
    internal const string TablePrefix = "StockAndFlow_";

    /// <summary>
    /// Adds StockAndFlow's tables to the host's model; call from <c>OnModelCreating</c>. The host's
    /// migrations then create them, so flow events commit or roll back with the change that caused them.
    /// </summary>
    public static ModelBuilder ApplyStockAndFlow(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new FlowEventConfiguration());
        modelBuilder.ApplyConfiguration(new StockRecordConfiguration());
        modelBuilder.ApplyConfiguration(new StockFacetRecordConfiguration());
        modelBuilder.ApplyConfiguration(new DecayRuleStateConfiguration());
        modelBuilder.ApplyConfiguration(new DecayRunConfiguration());
        modelBuilder.ApplyConfiguration(new FlowRecordConfiguration());
        modelBuilder.ApplyConfiguration(new CheckpointConfiguration());
        modelBuilder.ApplyConfiguration(new ActionExecutionConfiguration());
        modelBuilder.ApplyConfiguration(new StatisticDomainConfiguration());
        modelBuilder.ApplyConfiguration(new StatisticMetricConfiguration());
        modelBuilder.ApplyConfiguration(new StatisticConfiguration());
        modelBuilder.ApplyConfiguration(new InsightRunConfiguration());
        modelBuilder.ApplyConfiguration(new InsightResultConfiguration());
        modelBuilder.ApplyConfiguration(new AlertIncidentConfiguration());
        modelBuilder.ApplyConfiguration(new StockChangeConfiguration());
        modelBuilder.ApplyConfiguration(new RecountConfiguration());
        modelBuilder.ApplyConfiguration(new BridgeLineConfiguration());
        return modelBuilder;
    }

    internal static InvalidOperationException NotMapped(DbContext context) => new(
        $"{context.GetType().Name} does not map StockAndFlow's tables. Call modelBuilder.ApplyStockAndFlow() in its OnModelCreating and add a migration.");
}
