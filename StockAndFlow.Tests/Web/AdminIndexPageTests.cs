using StockAndFlow.Storage;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminIndexPageTests(AdminAppFactory factory)
{
    [Fact]
    public async Task IndexListsEveryStockAndFlowGroupedByProcessWithASearchBox()
    {
        using var client = await factory.CreateAdminClientAsync();
        var model = factory.Services.GetRequiredService<StockAndFlowModel>();

        using var response = await client.GetAsync("/stockflow-admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-filter-rows=\"#stockandflow-admin-index\"", html);
        Assert.All(model.Stocks, s => Assert.Contains($"data-stock=\"{s.Slug}\"", html));
        Assert.All(model.Flows, f => Assert.Contains($"data-flow=\"{f.Slug}\"", html));
        Assert.All(model.Processes, p => Assert.Contains($"href=\"/stockflow-admin/processes/{p.Slug}\"", html));
        Assert.Contains("id=\"stocks\"", html);
        Assert.Contains("id=\"flows\"", html);
        Assert.Contains("class=\"stockandflow-admin-sparkline\"", html);
        Assert.DoesNotContain("data-stockandflow-admin=\"empty-state\"", html);
    }

    [Fact]
    public async Task IndexShowsEachStocksLiveCount()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StockAndFlow.Web.Data.ShopDbContext>();
        var hot = db.Leads.Count(l => l.Temperature == StockAndFlow.Web.Demo.Temperature.Hot);
        var row = html[html.IndexOf("data-stock=\"hot-leads\"", StringComparison.Ordinal)..];

        Assert.Equal(hot, AdminHtml.Number(AdminHtml.Marked(row, "count")));
    }

    [Fact]
    public async Task LayoutHasTheNavigationTimeZoneThemeToggleAndASignOutFormWithItsToken()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");
        var zone = factory.Services.GetRequiredService<PeriodCalendar>().TimeZone.Id;

        Assert.Contains("href=\"/stockflow-admin#stocks\"", html);
        Assert.Contains("href=\"/stockflow-admin#flows\"", html);
        Assert.Contains("href=\"/stockflow-admin/jobs\"", html);
        Assert.Contains("href=\"/stockflow-admin/executions\"", html);
        Assert.Contains("href=\"/hangfire\"", html);
        Assert.Contains($"data-stockandflow-admin=\"time-zone\">{zone}<", html);
        Assert.Contains("data-theme-toggle", html);
        Assert.Contains("<html lang=\"en\" data-bs-theme=\"light\">", html);
        Assert.Matches("<head>(?s:.*)<script src=\"/_content/StockAndFlow.Admin/theme.js\\?v=[^\"]+\"></script>(?s:.*)</head>", html);
        Assert.Matches("<form method=\"post\" action=\"/account/logout\"[^>]*>(?s:.*?)name=\"__RequestVerificationToken\"", html);
    }

    [Fact]
    public async Task PagesLoadOnlyScriptsFromThisOriginAndNoInlineScript()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script([^>]*)>").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Matches("^ src=\"/_content/StockAndFlow\\.Admin/", s));
        foreach (var src in scripts.Select(s => System.Text.RegularExpressions.Regex.Match(s, "src=\"([^\"]+)\"").Groups[1].Value))
        {
            using var asset = await client.GetAsync(src);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{src} answered {(int)asset.StatusCode}.");
        }
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToLoginAndNonAdminsAreForbidden()
    {
        using var anonymous = factory.CreateBrowserClient();
        using var user = await factory.CreateUserClientAsync();

        using var anonymousResponse = await anonymous.GetAsync("/stockflow-admin/stocks/hot-leads");
        using var userResponse = await user.GetAsync("/stockflow-admin/stocks/hot-leads");

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/account/login", AdminHtml.Target(anonymousResponse), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, userResponse.StatusCode);
    }
}
