namespace StockAndFlow.Admin;

/// <summary>How the admin is mounted: the authorization policy guarding it and the Hangfire dashboard path.</summary>
public sealed class StockAndFlowAdminOptions
{
    /// <summary>The policy (and role) every admin page, admin API call and the Hangfire dashboard require.</summary>
    public const string DefaultPolicy = "StockAndFlowAdmin";

    /// <summary>The policy name. Default <see cref="DefaultPolicy"/>.</summary>
    public string PolicyName { get; set; } = DefaultPolicy;

    /// <summary>Where the Hangfire dashboard is mapped, linked from the Jobs page. Default <c>/hangfire</c>.</summary>
    public string HangfireDashboardPath { get; set; } = "/hangfire";

    /// <summary>
    /// How long the index's stock and flow summaries and a stock page's counts may be reused, as long as
    /// no flow event is written meanwhile (any move writes one, so a bulk action shows at once). Default
    /// 5 s; 0 counts on every request. Configuration: <c>StockAndFlow:Admin:SummaryCacheSeconds</c>.
    /// </summary>
    public double SummaryCacheSeconds { get; set; } = 5;
}
