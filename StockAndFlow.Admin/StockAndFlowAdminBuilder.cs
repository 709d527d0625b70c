namespace StockAndFlow.Admin;

/// <summary>Returned by <c>AddStockAndFlowAdmin</c>, for further registrations.</summary>
public sealed class StockAndFlowAdminBuilder
{
    internal StockAndFlowAdminBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }
}
