namespace StockAndFlow.Admin;

/// <summary>Marks the admin's endpoints, so its authorization answers apply to them and nowhere else in the host.</summary>
/// <param name="IsApi">A JSON API endpoint (anonymous → 401) rather than a page (anonymous → the host's login challenge).</param>
internal sealed record AdminEndpointMetadata(bool IsApi);
