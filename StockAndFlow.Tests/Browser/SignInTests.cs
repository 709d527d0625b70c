using Microsoft.Playwright;
using StockAndFlow.Tests.Web;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Test = "sign-in";

    [Fact]
    public async Task AnAdminSignsInThroughTheLoginFormAndSeesEveryStock()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page);

        await page.GotoAsync(SignIn.Admin);
        Assert.Matches(SignIn.LoginUrl(), page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, Test, "0-login-form", output);
        await page.GetByLabel("Email").FillAsync(AdminAppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        Assert.Contains("/account/login", page.Url);
        await Screenshots.SaveAsync(page, Test, "1-wrong-password", output);

        await page.GetByLabel("Password").FillAsync(AdminAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArriveAtAsync(SignIn.AdminUrl());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stocks and flows", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("nav .dropdown-menu strong")).ToHaveTextAsync(AdminAppFactory.AdminEmail);
        var hot = page.Locator("tr[data-stock='hot-leads']");
        await Expect(hot.GetByRole(AriaRole.Link, new() { Name = "Hot leads" })).ToBeVisibleAsync();
        Assert.True(Numbers.Parse(await hot.Locator("[data-stockandflow-admin='count']").TextContentAsync()) > 0, "The index shows no hot leads.");
        await CanvasPixels.AssertDrawnAsync(hot.Locator("canvas.stockandflow-admin-sparkline"), "The hot leads sparkline", minColored: 20);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");
        await Screenshots.SaveAsync(page, Test, "2-index", output);
        await Screenshots.SaveForReadmeAsync(page, "admin-index.png", output);
        problems.AssertNone();
    }
}
