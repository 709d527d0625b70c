namespace StockAndFlow.Web.Security;

/// <summary>The <c>StockAndFlow:Admin</c> section: an admin account to ensure at start-up, when both are set.</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "StockAndFlow:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
