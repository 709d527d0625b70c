using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace StockAndFlow.Tests.Browser;

/// <summary>Signing in the way a person does: open the admin, get sent to the login form, fill it in.</summary>
public static partial class SignIn
{
    public const string Admin = "/stockflow-admin";

    public static async Task ThroughTheFormAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(Admin);
        Assert.Matches(LoginUrl(), page.Url);

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.ArriveAtAsync(AdminUrl());
    }

    [GeneratedRegex("/account/login\\?ReturnUrl=%2Fstockflow-admin")]
    public static partial Regex LoginUrl();

    [GeneratedRegex("/stockflow-admin/?$")]
    public static partial Regex AdminUrl();
}
