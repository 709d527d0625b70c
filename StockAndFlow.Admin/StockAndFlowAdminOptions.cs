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

    /// <summary>
    /// A connection string the admin's pages and API read through instead of the host's (e.g. a
    /// PostgreSQL streaming standby): a second context of the host's type and options on it. Writes —
    /// bulk actions, pausing decay — and the audit log of the admin's own executions still use the host's
    /// context. On a PostgreSQL standby the layout says how far behind the data is. Default none.
    /// Configuration: <c>StockAndFlow:Admin:ReadConnectionString</c>, or else the host's connection
    /// string named <see cref="ReadConnectionStringName"/> (<c>ConnectionStrings:StockAndFlowRead</c>).
    /// </summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>The name of the connection string used for <see cref="ReadConnectionString"/> when it is not set otherwise.</summary>
    public const string ReadConnectionStringName = "StockAndFlowRead";
}
