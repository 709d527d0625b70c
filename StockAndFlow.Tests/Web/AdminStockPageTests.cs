using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminStockPageTests(AdminAppFactory factory)
{
    [Fact]
    public async Task StockPageHasItsChartPickersFacetTablesFlowsActionsAndDownloads()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync("/stockflow-admin/stocks/hot-leads");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"h3 mb-1\">Hot leads</h1>", html);
        Assert.Contains("data-chart=\"stock\" data-url=\"/stockflow-admin/api/stocks/hot-leads/records\"", html);
        Assert.Contains("data-chart=\"facet\" data-url=\"/stockflow-admin/api/stocks/hot-leads/records\" data-facet=\"source\"", html);
        Assert.Contains("data-chart=\"facet\" data-url=\"/stockflow-admin/api/stocks/hot-leads/records\" data-facet=\"owner\"", html);
        foreach (var range in new[] { "7d", "30d", "90d", "1y", "custom" })
        {
            Assert.Contains($"<option value=\"{range}\"", html);
        }

        foreach (var period in new[] { "day", "week", "month" })
        {
            Assert.Contains($"<option value=\"{period}\"", html);
        }

        Assert.Contains("data-facet=\"source\"", html);
        Assert.Contains("data-stockandflow-admin=\"inflows\"", html);
        Assert.Contains("href=\"/stockflow-admin/flows/new-lead\"", html);
        Assert.Contains("href=\"/stockflow-admin/flows/cooling\"", html);
        Assert.Contains("Make cold (test)", html);
        var links = AdminHtml.Links(html);
        Assert.Contains("/stockflow-admin/api/stocks/hot-leads/records?range=30d&period=day&format=csv", links);
        Assert.Contains("/stockflow-admin/api/stocks/hot-leads/records?range=30d&period=day", links);
        Assert.Contains("/stockflow-admin/api/stocks/hot-leads/records?range=30d&period=day&facet=source&format=csv", links);
    }

    [Fact]
    public async Task EveryFacetCountLinksToItsMembersAndTheLinkFindsThatMany()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads");

        var sourceLinks = AdminHtml.Links(html).Where(l => l.StartsWith("/stockflow-admin/stocks/hot-leads/members?facet=source&value=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sourceLinks);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        foreach (var link in sourceLinks)
        {
            var value = Uri.UnescapeDataString(link[(link.IndexOf("value=", StringComparison.Ordinal) + 6)..]);
            var members = await client.GetStringAsync(link);
            var expected = await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot && l.Source == value);
            Assert.Equal(expected, AdminHtml.MemberTotal(members));
        }
    }

    [Fact]
    public async Task TheNullBucketLinksWithNullEqualsOne()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var ownerless = await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot && l.Owner == null);
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads");
        var members = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads/members?facet=owner&null=1");

        Assert.Equal(ownerless, AdminHtml.MemberTotal(members));
        if (ownerless > 0)
        {
            Assert.Contains("/stockflow-admin/stocks/hot-leads/members?facet=owner&null=1", AdminHtml.Links(html));
        }
    }

    [Theory]
    [InlineData("/stockflow-admin/stocks/no-such-stock")]
    [InlineData("/stockflow-admin/stocks/no-such-stock/members")]
    public async Task UnknownStockIsA404Page(string url)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no stock &#x27;no-such-stock&#x27;.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("range=2w")]
    [InlineData("period=fortnight")]
    [InlineData("period=1")]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-02-01&to=2026-01-01")]
    [InlineData("from=1990-01-01&to=2026-01-01&period=hour")]
    public async Task BadRangeInputIsA400Page(string query)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync($"/stockflow-admin/stocks/hot-leads?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-stockandflow-admin=\"problem-detail\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACustomRangeIsShownAsInclusiveDatesAndKeptInTheDownloads()
    {
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads?from=2026-01-01&to=2026-02-01&period=week");

        Assert.Contains("<option value=\"custom\" selected=\"selected\">", html);
        Assert.Contains("name=\"from\" value=\"2026-01-01\"", html);
        Assert.Contains("name=\"to\" value=\"2026-01-31\"", html);
        Assert.Contains("/stockflow-admin/api/stocks/hot-leads/records?from=2026-01-01&to=2026-02-01&period=week&format=csv", AdminHtml.Links(html));
    }
}
