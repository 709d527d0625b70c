using StockAndFlow.Storage;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminFlowAndProcessPagesTests(AdminAppFactory factory)
{
    [Fact]
    public async Task FlowPageHasItsRateChartBreakdownsAndRecentEventsWithTheirSubjects()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var latest = await db.Set<FlowEvent>().Where(e => e.Flow == "cooling").OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).FirstAsync();
        var total = await db.Set<FlowEvent>().CountAsync(e => e.Flow == "cooling");
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync("/stockflow-admin/flows/cooling");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"h3 mb-1\">Cooling</h1>", html);
        Assert.Contains("data-chart=\"flow\" data-url=\"/stockflow-admin/api/flows/cooling/rates\"", html);
        Assert.Contains("data-breakdown=\"source\" data-url=\"/stockflow-admin/api/flows/cooling/breakdown\"", html);
        Assert.Contains("data-breakdown=\"owner\"", html);
        Assert.Contains("/stockflow-admin/api/flows/cooling/breakdown?range=30d&period=day&facet=source&format=csv", AdminHtml.Links(html));
        Assert.Contains("/stockflow-admin/api/flows/cooling/events?format=csv", AdminHtml.Links(html));
        Assert.Contains($"/stockflow-admin/stocks/{latest.Sink}/members?key={latest.SubjectKey}", AdminHtml.Links(html));
        Assert.Contains($"{total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} events", html);
        // Subjects by their declared display name, the type and key only in the tooltip.
        var name = await db.Leads.Where(l => l.Id == int.Parse(latest.SubjectKey, System.Globalization.CultureInfo.InvariantCulture)).Select(l => l.Name).SingleAsync();
        Assert.Contains($"data-stockandflow-admin=\"subject\">{System.Net.WebUtility.HtmlEncode(name)}</a>", html);
    }

    [Fact]
    public async Task FlowEventsArePaginated()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var second = await db.Set<FlowEvent>().Where(e => e.Flow == "new-lead").OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(5).Take(5).Select(e => e.SubjectKey).ToListAsync();
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync("/stockflow-admin/flows/new-lead?page=2&pageSize=5");

        Assert.All(second, key => Assert.Contains($"?key={key}\"", html));
        Assert.Contains("/stockflow-admin/flows/new-lead?range=30d&period=day&page=3&pageSize=5#events", AdminHtml.Links(html));
    }

    [Theory]
    [InlineData("/stockflow-admin/flows/no-such-flow", HttpStatusCode.NotFound)]
    [InlineData("/stockflow-admin/processes/no-such-process", HttpStatusCode.NotFound)]
    [InlineData("/stockflow-admin/flows/cooling?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/stockflow-admin/flows/cooling?pageSize=x", HttpStatusCode.BadRequest)]
    [InlineData("/stockflow-admin/flows/cooling?range=forever", HttpStatusCode.BadRequest)]
    [InlineData("/stockflow-admin/executions?page=-1", HttpStatusCode.BadRequest)]
    [InlineData("/stockflow-admin/executions/424242", HttpStatusCode.NotFound)]
    [InlineData("/stockflow-admin/executions/not-a-number", HttpStatusCode.NotFound)]
    public async Task BadSlugsAndQueriesAreAnswersNotErrors(string url, HttpStatusCode expected)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ProcessPageShowsItsStocksWithCountsAndTheFlowsBetweenThem()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync("/stockflow-admin/processes/pipeline");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"h3 mb-1\">Sales pipeline</h1>", html);
        foreach (var stock in new[] { "hot-leads", "warm-leads", "cold-leads" })
        {
            Assert.Contains($"data-stock=\"{stock}\"", html);
        }

        foreach (var flow in new[] { "new-lead", "cooling", "re-engaging", "dropped" })
        {
            Assert.Contains($"data-flow=\"{flow}\"", html);
        }

        Assert.DoesNotContain("data-stock=\"trial-customers\"", html);
    }

    [Fact]
    public async Task AuditLogListsExecutionsNewestFirst()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync("/stockflow-admin/executions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"h3 mb-0 me-auto\">Audit log</h1>", await response.Content.ReadAsStringAsync());
    }
}
