namespace StockAndFlow.Admin;

/// <summary>
/// Registered by <c>AddStockAndFlowAdmin</c>; its absence tells <c>MapStockAndFlowAdmin</c> which call is
/// missing, and <see cref="IsMapped"/> tells the start-up check that the admin is reachable.
/// </summary>
internal sealed class AdminMarker
{
    /// <summary>Whether <c>MapStockAndFlowAdmin</c> has mapped the admin.</summary>
    public bool IsMapped { get; set; }
}
