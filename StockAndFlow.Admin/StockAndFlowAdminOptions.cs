namespace StockAndFlow.Admin;

/// <summary>How the admin is mounted: the authorization policy guarding it and how long summaries are reused.</summary>
public sealed class StockAndFlowAdminOptions
{
    /// <summary>The configuration section bound before the delegate of <c>AddStockAndFlowAdmin</c>.</summary>
    public const string Section = "StockAndFlow:Admin";

    /// <summary>The policy (and, unless the host defines that policy itself, the role) every admin page and API call require.</summary>
    public const string DefaultPolicy = "StockAndFlowAdmin";

    /// <summary>The policy name. Default <see cref="DefaultPolicy"/>.</summary>
    public string PolicyName { get; set; } = DefaultPolicy;

    /// <summary>
    /// How long the index's stock and flow summaries and a stock page's counts may be reused, as long as
    /// no flow event is written meanwhile (any move writes one, so a bulk action shows at once). Default
    /// 5 s; 0 counts on every request. Configuration: <c>StockAndFlow:Admin:SummaryCacheSeconds</c>.
    /// </summary>
    public double SummaryCacheSeconds { get; set; } = 5;

    /// <summary>
    /// How many members a stock's last bridge may leave unexplained before the bridge health check
    /// (<c>AddStockAndFlowBridgeCheck</c>) reports Degraded and logs a warning naming the stock. Default 0:
    /// any write that bypassed capture shows. Configuration: <c>StockAndFlow:Admin:UnexplainedThreshold</c>.
    /// </summary>
    public long UnexplainedThreshold { get; set; }
}
