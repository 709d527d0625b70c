using StockAndFlow.Storage;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

[Collection(AdminAppCollection.Name)]
public sealed class AdminActionPagesTests(AdminAppFactory factory)
{
    private const string Chill = "/stockflow-admin/stocks/hot-leads/actions/" + AdminTestActions.Chill;
    private const string Touch = "/stockflow-admin/stocks/hot-leads/actions/" + AdminTestActions.Touch;

    [Fact]
    public async Task ConfirmationStatesTheActionTheSelectionAndExactlyHowManyRows()
    {
        var keys = await HotLeadKeysAsync(3);
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync($"{Chill}?{Keys(keys)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Make cold (test)", html);
        Assert.Contains("Moves the selected hot leads to cold leads.", html);
        Assert.Equal("the 3 selected rows of Hot leads", AdminHtml.Marked(html, "selection"));
        Assert.Equal(3, AdminHtml.Number(AdminHtml.Marked(html, "row-count")));
        Assert.Contains("Every move is recorded", html);
        Assert.Matches("<form method=\"post\" action=\"/stockflow-admin/stocks/hot-leads/actions/test-chill\\?key=[^\"]+\"[^>]*>(?s:.*?)__RequestVerificationToken", html);
    }

    [Fact]
    public async Task ConfirmationOfAllMatchingAFilterCountsWhatTheFilterSelects()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var source = await db.Leads.Where(l => l.Temperature == Temperature.Hot).Select(l => l.Source).FirstAsync();
        var expected = await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot && l.Source == source);
        using var client = await factory.CreateAdminClientAsync();

        // The members form submits the ticked keys too; "all" wins over them.
        var html = await client.GetStringAsync($"{Touch}?facet=source&value={Uri.EscapeDataString(source)}&all=1&key=1");

        Assert.Equal(expected, AdminHtml.Number(AdminHtml.Marked(html, "row-count")));
        Assert.Equal($"all members of Hot leads whose source is “{source}”", AdminHtml.Marked(html, "selection"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("all=")]
    [InlineData("facet=source&value=web")]
    public async Task ConfirmingWithNothingSelectedIsA400NotEveryMember(string query)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync($"{Chill}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/stockflow-admin/stocks/hot-leads/actions/no-such-action?all=1")]
    [InlineData("/stockflow-admin/stocks/warm-leads/actions/" + AdminTestActions.Chill + "?all=1")]
    [InlineData("/stockflow-admin/stocks/no-such-stock/actions/" + AdminTestActions.Chill + "?all=1")]
    public async Task AnActionNotOfferedOnTheStockIsA404(string url)
    {
        using var client = await factory.CreateAdminClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RunningAnActionMovesTheRowsWritesTheirFlowEventsAndAnAuditRow()
    {
        var keys = await HotLeadKeysAsync(3);
        var (hotBefore, coldBefore, coolingBefore) = await CountsAsync();
        using var client = await factory.CreateAdminClientAsync();
        var confirm = await client.GetStringAsync($"{Chill}?{Keys(keys)}");

        using var response = await PostAsync(client, $"{Chill}?{Keys(keys)}", AdminAppFactory.AntiforgeryToken(confirm));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = AdminHtml.Target(response);
        Assert.Matches("^/stockflow-admin/executions/\\d+$", target);
        await AssertSucceededAsync(client, target);
        var (hotAfter, coldAfter, coolingAfter) = await CountsAsync();
        Assert.Equal(hotBefore - 3, hotAfter);
        Assert.Equal(coldBefore + 3, coldAfter);
        Assert.Equal(coolingBefore + 3, coolingAfter);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var events = await db.Set<FlowEvent>().Where(e => e.Flow == "cooling" && keys.Contains(e.SubjectKey)).OrderByDescending(e => e.Id).Take(3).ToListAsync();
        Assert.All(events, e => Assert.Equal(("hot-leads", "cold-leads"), (e.Source, e.Sink)));
        Assert.Equal(keys.Order(), events.Select(e => e.SubjectKey).Order());
        var id = long.Parse(target[(target.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var audit = await db.Set<ActionExecution>().SingleAsync(e => e.Id == id);
        Assert.Equal((AdminTestActions.Chill, "hot-leads", AdminAppFactory.AdminEmail, ActionExecutionStatus.Succeeded, 3), (audit.Action, audit.Stock, audit.User, audit.Status, audit.Affected));

        var execution = await client.GetStringAsync(target);
        Assert.Equal("Succeeded", AdminHtml.Marked(execution, "status"));
        Assert.Equal(3, AdminHtml.Number(AdminHtml.Marked(execution, "affected")));
        Assert.Contains("data-finished=\"true\"", execution);

        var log = await client.GetStringAsync("/stockflow-admin/executions");
        Assert.Contains($"href=\"/stockflow-admin/executions/{id}\"", log);
        Assert.Contains("3 selected rows", log);

        // The audit log downloads as CSV and JSON, like every admin table.
        var csvLink = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(log, "href=\"(/stockflow-admin/api/executions\\?[^\"]*format=csv[^\"]*)\"").Groups[1].Value);
        Assert.StartsWith("/stockflow-admin/api/executions?", csvLink);
        var csv = await client.GetStringAsync(csvLink);
        Assert.StartsWith("id,requestedAt,user,action,stock,selection,status,selected,affected,finishedAt,error", csv);
        Assert.Contains($"\n{id},", csv);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRejectedAndChangesNothing()
    {
        var keys = await HotLeadKeysAsync(2);
        var before = await CountsAsync();
        using var client = await factory.CreateAdminClientAsync();

        using var response = await PostAsync(client, $"{Chill}?{Keys(keys)}", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ASelectionOverTheInlineLimitRunsAsABackgroundJobWhoseProgressThePagePolls()
    {
        var rows = StockAndFlow.Actions.ActionExecutions.InlineLimit + 1;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var now = DateTime.UtcNow;
            db.Leads.AddRange(Enumerable.Range(0, rows).Select(i => new Lead
            {
                Name = $"Bulk lead {i}",
                Email = $"bulk{i}@example.test",
                Source = "ads",
                Temperature = Temperature.Hot,
                CreatedAt = now,
                LastContactedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        using var client = await factory.CreateAdminClientAsync();
        var url = $"{Touch}?search=Bulk+lead&all=1";
        var confirm = await client.GetStringAsync(url);
        Assert.Equal(rows, AdminHtml.Number(AdminHtml.Marked(confirm, "row-count")));
        Assert.Contains("runs as a background job", confirm);

        using var response = await PostAsync(client, url, AdminAppFactory.AntiforgeryToken(confirm));

        var target = AdminHtml.Target(response);
        Assert.Matches("^/stockflow-admin/executions/\\d+$", target);
        var page = await client.GetStringAsync(target);
        Assert.Contains("class=\"progress-bar", page);
        Assert.Contains($"data-poll-url=\"/stockflow-admin/api/executions/{target[(target.LastIndexOf('/') + 1)..]}\"", page);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await StatusAsync(client, target) is "Queued" or "Running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await AssertSucceededAsync(client, target);
        var finished = await client.GetStringAsync(target);
        Assert.Equal(rows, AdminHtml.Number(AdminHtml.Marked(finished, "affected")));
        Assert.Contains("data-finished=\"true\"", finished);
    }

    private static async Task<string> StatusAsync(HttpClient client, string executionPage)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/executions/{executionPage[(executionPage.LastIndexOf('/') + 1)..]}"));
        return json.RootElement.GetProperty("status").GetString()!;
    }

    private static async Task AssertSucceededAsync(HttpClient client, string executionPage)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/stockflow-admin/api/executions/{executionPage[(executionPage.LastIndexOf('/') + 1)..]}"));
        var status = json.RootElement.GetProperty("status").GetString();
        var error = json.RootElement.GetProperty("error").ToString();
        Assert.True(status == "Succeeded", $"The execution is {status}: {error}");
    }

    private async Task<List<string>> HotLeadKeysAsync(int count)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var ids = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).Select(l => l.Id).Take(count).ToListAsync();
        Assert.Equal(count, ids.Count);
        return [.. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    private async Task<(int Hot, int Cold, int Cooling)> CountsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return (
            await db.Leads.CountAsync(l => l.Temperature == Temperature.Hot),
            await db.Leads.CountAsync(l => l.Temperature == Temperature.Cold),
            await db.Set<FlowEvent>().CountAsync(e => e.Flow == "cooling"));
    }

    private static string Keys(IEnumerable<string> keys) => string.Join('&', keys.Select(k => $"key={k}"));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? token)
    {
        using var form = new FormUrlEncodedContent(token is null ? [] : [new("__RequestVerificationToken", token)]);
        return await client.PostAsync(url, form);
    }
}
