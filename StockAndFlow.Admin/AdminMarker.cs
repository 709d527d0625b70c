namespace StockAndFlow.Admin;

/// <summary>Registered by <c>AddStockAndFlowAdmin</c>; its absence tells <c>MapStockAndFlowAdmin</c> which call is missing.</summary>
internal sealed class AdminMarker
{
    /// <summary>The path prefix the admin was mapped at (for links), set by <c>MapStockAndFlowAdmin</c>.</summary>
    public string Prefix { get; set; } = "/stockflow-admin";
}
