using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminMembersPageTests(AdminAppFactory factory)
{
    private const string Members = "/stockflow-admin/stocks/hot-leads/members";

    [Fact]
    public async Task MembersPageListsAPageWithEntityColumnsCheckboxesAndTheStocksActions()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var hot = await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot);
        var first = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).Select(l => l.Id.ToString()).Take(25).ToListAsync();
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync(Members);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(hot, AdminHtml.MemberTotal(html));
        Assert.Equal(first, AdminHtml.MemberKeys(html));
        // The demo declares its columns: the sortable ones are plain properties of the lead.
        foreach (var column in new[] { "Name", "Email", "Source", "LastContactedAt" })
        {
            Assert.Contains($"data-sort=\"{column}\"", html);
        }

        Assert.Contains("data-select-page", html);
        Assert.Contains($"name=\"key\" value=\"{first[0]}\"", html);
        Assert.Contains("formaction=\"/stockflow-admin/stocks/hot-leads/actions/test-chill\"", html);
        Assert.Contains("name=\"all\" id=\"stockandflow-admin-scope-all\" value=\"1\"", html);
    }

    [Fact]
    public async Task FilteringByAFacetValueShowsOnlyItsMembers()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var source = await db.Leads.Where(l => l.Temperature == Temperature.Hot).GroupBy(l => l.Source).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var expected = await db.Leads.Where(l => l.Temperature == Temperature.Hot && l.Source == source).OrderBy(l => l.Id).Select(l => l.Id.ToString()).ToListAsync();
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"{Members}?facet=source&value={Uri.EscapeDataString(source)}&pageSize=200");

        Assert.Equal(expected.Count, AdminHtml.MemberTotal(html));
        Assert.Equal(expected.Take(200), AdminHtml.MemberKeys(html));
        Assert.Contains("data-stockandflow-admin=\"active-filters\"", html);
    }

    [Fact]
    public async Task SearchMatchesTextColumns()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var lead = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).FirstAsync();
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"{Members}?search={Uri.EscapeDataString(lead.Email.ToUpperInvariant())}");

        Assert.Contains(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AdminHtml.MemberKeys(html));
        Assert.All(AdminHtml.MemberKeys(html), key => Assert.True(db.Leads.Single(l => l.Id == int.Parse(key)).Email.Contains(lead.Email, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task SortingByAColumnOrdersTheRowsAndTheHeaderTogglesDirection()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var expected = await db.Leads.Where(l => l.Temperature == Temperature.Hot)
            .OrderByDescending(l => l.Name).ThenBy(l => l.Id).Select(l => l.Id.ToString()).Take(25).ToListAsync();
        using var client = await factory.CreateAdminClientAsync();

        var ascending = await client.GetStringAsync($"{Members}?sort=Name");
        var descending = await client.GetStringAsync($"{Members}?sort=Name&desc=1");

        Assert.Equal(expected, AdminHtml.MemberKeys(descending));
        Assert.Contains("aria-sort=\"descending\"", descending);
        Assert.Contains("/stockflow-admin/stocks/hot-leads/members?sort=Name&desc=1", AdminHtml.Links(ascending));
        Assert.Contains("/stockflow-admin/stocks/hot-leads/members?sort=Name", AdminHtml.Links(descending));
    }

    [Fact]
    public async Task PagesFollowEachOtherWithoutOverlap()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var expected = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).Select(l => l.Id.ToString()).Skip(10).Take(10).ToListAsync();
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"{Members}?page=2&pageSize=10");

        Assert.Equal(expected, AdminHtml.MemberKeys(html));
        Assert.Contains("/stockflow-admin/stocks/hot-leads/members?sort=Id&page=3&pageSize=10", AdminHtml.Links(html));
        Assert.Contains("/stockflow-admin/stocks/hot-leads/members?sort=Id&pageSize=10", AdminHtml.Links(html));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=two")]
    [InlineData("pageSize=100000")]
    [InlineData("sort=NoSuchColumn")]
    [InlineData("facet=no-such-facet&value=x")]
    [InlineData("facet=source")]
    [InlineData("value=web")]
    [InlineData("key=not-a-number")]
    public async Task BadMembersQueryIsA400Page(string query)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync($"{Members}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-stockandflow-admin=\"problem-detail\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AScriptStoredInARowsNameIsShownAsText()
    {
        const string Payload = "<script>alert(1)</script>";
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var lead = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderByDescending(l => l.Id).FirstAsync();
            lead.Name = Payload;
            await db.SaveChangesAsync();
            id = lead.Id;
        }

        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync($"{Members}?key={id}");
        var searched = await client.GetStringAsync($"{Members}?search={Uri.EscapeDataString(Payload)}");

        Assert.Equal([id.ToString(System.Globalization.CultureInfo.InvariantCulture)], AdminHtml.MemberKeys(html));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain(Payload, html);
        Assert.DoesNotContain(Payload, searched);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", searched);
    }
}
