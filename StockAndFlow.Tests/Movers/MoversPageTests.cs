using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Web;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Movers;

/// <summary>The movers page, its API and an action on all matching movers, over the demo's history.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class MoversPageTests(AdminAppFactory factory)
{
    private const string Flow = "cooling";

    [Fact]
    public async Task ApiPageAndCsvListTheDistinctExistingLeadsWithACoolingEventInTheRange_FilteredByOwner()
    {
        var (from, to) = await RangeAsync(days: 30);
        var (owner, expected) = await ExpectedAsync(from, to);
        var range = $"from={Iso(from)}&to={Iso(to)}";
        var filter = $"facet=owner&value={Uri.EscapeDataString(owner)}";
        using var client = await factory.CreateAdminClientAsync();

        var json = await client.GetFromJsonAsync<MoverListDto>($"/stockflow-admin/api/flows/{Flow}/movers?{range}&{filter}&pageSize=200");
        var html = await client.GetStringAsync($"/stockflow-admin/flows/{Flow}/movers?{range}&{filter}");
        var csv = await client.GetStringAsync($"/stockflow-admin/api/flows/{Flow}/movers?{range}&{filter}&pageSize=200&format=csv");

        Assert.True(expected.Count > 3, $"the demo should have cooling movers of {owner}, it has {expected.Count}");
        var newestFirst = expected.OrderByDescending(e => e.Value).ThenBy(e => int.Parse(e.Key, CultureInfo.InvariantCulture)).Select(e => e.Key).ToList();
        Assert.NotNull(json);
        Assert.Equal((expected.Count, "movedAt", true), (json.Total, json.Sort, json.Descending));
        Assert.Equal(newestFirst.Take(200), json.Rows.Select(r => r.Key));
        Assert.All(json.Rows, r => Assert.Equal(expected[r.Key], r.MovedAt));
        Assert.Equal(expected.Count, AdminHtml.MemberTotal(html));
        Assert.Equal(newestFirst.Take(25), AdminHtml.MemberKeys(html));
        Assert.Contains($"formaction=\"/stockflow-admin/flows/{Flow}/movers/actions/mark-contacted\"", html);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.EndsWith(",movedAt", lines[0].TrimEnd('\r'));
        Assert.Equal(Math.Min(200, expected.Count), lines.Length - 1);
    }

    [Fact]
    public async Task TheFlowPageLinksToWhoMoved_AndAnUnknownFlowIsNotFound()
    {
        using var client = await factory.CreateAdminClientAsync();

        var flow = await client.GetStringAsync($"/stockflow-admin/flows/{Flow}?range=7d");
        using var missing = await client.GetAsync("/stockflow-admin/flows/nope/movers");
        using var missingApi = await client.GetAsync("/stockflow-admin/api/flows/nope/movers");

        Assert.Contains($"/stockflow-admin/flows/{Flow}/movers?range=7d", AdminHtml.Links(flow));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, missingApi.StatusCode));
    }

    [Fact]
    public async Task AllMatchingMoversGetTheActionWithTheScopeInTheAuditAndAFlowEventPerMove()
    {
        var (from, to) = await RangeAsync(days: 10);
        var (owner, expected) = await ExpectedAsync(from, to);
        var url = $"/stockflow-admin/flows/{Flow}/movers/actions/mark-contacted?from={Iso(from)}&to={Iso(to)}&facet=owner&value={Uri.EscapeDataString(owner)}&all=1";
        using var client = await factory.CreateAdminClientAsync();
        var confirm = await client.GetStringAsync(url);
        var notHot = await NotHotAsync(expected.Keys);
        var lastEvent = await LastEventAsync();

        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AdminAppFactory.AntiforgeryToken(confirm))]);
        using var response = await client.PostAsync(url, form);

        Assert.Equal(expected.Count, AdminHtml.Number(AdminHtml.Marked(confirm, "row-count")));
        Assert.StartsWith($"all movers of Hot leads, Warm leads → Warm leads, Cold leads, {from:yyyy-MM-dd}..", AdminHtml.Marked(confirm, "selection"));
        // The rehearsal's moves: each line "N leads will move X → Hot leads", together the rows not hot yet.
        var moving = System.Text.RegularExpressions.Regex.Matches(confirm, "data-stockandflow-admin=\"moving\">\\s*<strong[^>]*>([\\d,]+) lead");
        Assert.Equal(notHot.Count, moving.Sum(m => AdminHtml.Number(m.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = AdminHtml.Target(response);
        var id = long.Parse(target[(target.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var audit = await db.Set<ActionExecution>().SingleAsync(e => e.Id == id);
        Assert.Equal(("mark-contacted", Flow, AdminAppFactory.AdminEmail, ActionExecutionStatus.Succeeded, expected.Count), (audit.Action, audit.Stock, audit.User, audit.Status, audit.Affected));
        Assert.Equal($"movers of Hot leads, Warm leads → Warm leads, Cold leads, {from:yyyy-MM-dd}..{LastDay(from, to)}, owner={owner}", audit.Filter);
        var events = await db.Set<FlowEvent>().AsNoTracking().Where(e => e.Id > lastEvent).ToListAsync();
        Assert.All(events, e => Assert.Equal(("re-engaging", "hot-leads"), (e.Flow, e.Sink)));
        Assert.Equal(notHot.Order(StringComparer.Ordinal), events.Select(e => e.SubjectKey).Order(StringComparer.Ordinal));
        var page = await client.GetStringAsync(target);
        Assert.Equal(expected.Count, AdminHtml.Number(AdminHtml.Marked(page, "affected")));
        Assert.Contains($"href=\"/stockflow-admin/flows/{Flow}/movers?from=", page);
    }

    private async Task<(DateTime From, DateTime To)> RangeAsync(int days)
    {
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var to = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        return (to.AddDays(-days), to);
    }

    // The owner with most movers, and that owner's movers with their latest cooling event, read from the event table.
    private async Task<(string Owner, Dictionary<string, DateTime> Movers)> ExpectedAsync(DateTime from, DateTime to)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var events = await db.Set<FlowEvent>().AsNoTracking().Where(e => e.Flow == Flow && e.OccurredAt >= from && e.OccurredAt < to).ToListAsync();
        var owners = await db.Leads.AsNoTracking().Select(l => new { l.Id, Owner = l.Owner!.Name }).ToDictionaryAsync(l => l.Id.ToString(CultureInfo.InvariantCulture), l => l.Owner);
        var movers = events.GroupBy(e => e.SubjectKey).Where(g => owners.ContainsKey(g.Key)).ToDictionary(g => g.Key, g => g.Max(e => e.OccurredAt));
        var owner = movers.Keys.GroupBy(k => owners[k]).Where(g => g.Key is not null).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key!;
        return (owner, movers.Where(m => owners[m.Key] == owner).ToDictionary(m => m.Key, m => m.Value));
    }

    private async Task<List<string>> NotHotAsync(IEnumerable<string> keys)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var ids = keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToList();
        return [.. (await db.Leads.Where(l => ids.Contains(l.Id) && l.Temperature != StockAndFlow.Web.Demo.Temperature.Hot).Select(l => l.Id).ToListAsync()).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    private async Task<long> LastEventAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<FlowEvent>().MaxAsync(e => e.Id);
    }

    private static string LastDay(DateTime from, DateTime to)
    {
        var last = to.TimeOfDay == TimeSpan.Zero ? to.AddDays(-1) : to;
        return last.ToString(last.Year != from.Year ? "yyyy-MM-dd" : last.Month != from.Month ? "MM-dd" : "dd", CultureInfo.InvariantCulture);
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record MoverRowDto(string Key, DateTime MovedAt);

    private sealed record MoverListDto(string Flow, long Total, string Sort, bool Descending, List<MoverRowDto> Rows);
}
