namespace StockAndFlow.Hangfire;

/// <summary>How StockAndFlow's jobs run on Hangfire (section <c>StockAndFlow:Hangfire</c>).</summary>
public sealed class StockAndFlowHangfireOptions
{
    /// <summary>The configuration section bound before the delegate of <c>AddHangfireJobs</c>.</summary>
    public const string Section = "StockAndFlow:Hangfire";

    /// <summary>
    /// Where the host maps the Hangfire dashboard (<c>app.MapHangfireDashboard(...)</c>), linked from the
    /// admin's Jobs page; <see langword="null"/> or empty when the host does not map it. Default <c>/hangfire</c>.
    /// </summary>
    public string? DashboardPath { get; set; } = "/hangfire";

    /// <summary>Register and prune the recurring jobs when the host starts. Default true.</summary>
    public bool RegisterOnStartup { get; set; } = true;
}
