namespace StockAndFlow.Admin;

/// <summary>
/// Registered by <c>AddStockAndFlowAdmin</c>; its absence tells <c>MapStockAndFlowAdmin</c> which call is
/// missing. It holds no state: whether the admin is mapped is read from the endpoints (<see cref="AdminStartupCheck"/>).
/// </summary>
internal sealed class AdminMarker;
