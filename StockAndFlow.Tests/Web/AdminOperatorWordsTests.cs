using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

/// <summary>The admin as an operator reads it: words, colours and names rather than the developer's slugs and types.</summary>
[Collection(AdminAppCollection.Name)]
public sealed partial class AdminOperatorWordsTests(AdminAppFactory factory)
{
    [Theory]
    [InlineData(8, StockDirection.HigherIsBetter, "text-success")]
    [InlineData(8, StockDirection.LowerIsBetter, "text-danger")]
    [InlineData(-3, StockDirection.LowerIsBetter, "text-success")]
    [InlineData(-3, StockDirection.HigherIsBetter, "text-danger")]
    [InlineData(8, StockDirection.Neutral, null)]
    [InlineData(0, StockDirection.LowerIsBetter, null)]
    public void AChangeIsColouredByTheStocksDirection(long change, StockDirection direction, string? expected) =>
        Assert.Equal(expected, AdminFormat.ChangeClass(change, direction));

    [Fact]
    public async Task IndexColoursChurnedCustomersGrowthAsBadNews()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        var cell = ChangeCell().Match(html[html.IndexOf("data-stock=\"churned-customers\"", StringComparison.Ordinal)..]);
        Assert.True(cell.Success);
        var text = System.Net.WebUtility.HtmlDecode(cell.Groups["text"].Value).Trim();
        var change = text == "0" || text == "—" ? 0 : (text.StartsWith('+') ? 1 : -1);
        var classes = cell.Groups["class"].Value;
        Assert.True(change > 0 == classes.Contains("text-danger", StringComparison.Ordinal), cell.Value);
        Assert.True(change < 0 == classes.Contains("text-success", StringComparison.Ordinal), cell.Value);
    }

    [Fact]
    public async Task IndexExplainsStocksAndFlowsAndNamesEntitiesInWords()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        Assert.Contains("A <strong>stock</strong> is a group of your records", html[html.IndexOf("data-stockandflow-admin=\"intro\"", StringComparison.Ordinal)..][..200], StringComparison.Ordinal);
        Assert.DoesNotContain("<code>Customer</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>Lead</code>", html, StringComparison.Ordinal);
        Assert.Contains("<span title=\"Lead\">leads</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span title=\"Customer\">customers</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexShowsEachRouteOfAFlowNeverAStockToItself()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        var row = html[html.IndexOf("data-flow=\"cooling\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        var routes = Route().Matches(row).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["Hot leads → Warm leads", "Hot leads → Cold leads", "Warm leads → Cold leads"], routes);
    }

    [Fact]
    public async Task IndexSaysWhichDayAndTimeZoneTodaysMovesAreCountedIn()
    {
        var calendar = factory.Services.GetRequiredService<PeriodCalendar>();
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, calendar.TimeZone);
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin");

        var heading = html[html.IndexOf("data-stockandflow-admin=\"events-today-heading\"", StringComparison.Ordinal)..];
        heading = heading[..heading.IndexOf("</th>", StringComparison.Ordinal)];
        Assert.Contains(today.ToString("d MMM", CultureInfo.InvariantCulture), heading, StringComparison.Ordinal);
        Assert.Contains($"{calendar.TimeZone.Id} time", heading, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StockPageLabelsItsChartAndSpeaksPlainly()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin/stocks/active-customers");

        Assert.DoesNotContain("Rows of", html, StringComparison.Ordinal);
        Assert.Contains("data-y-label=\"Active customers (count)\"", html, StringComparison.Ordinal);
        Assert.StartsWith("customers · higher is better", AdminHtml.Marked(html, "details"), StringComparison.Ordinal);
        Assert.Contains("title=\"Declared as the stock 'active-customers' of Customer\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No actions are declared", html, StringComparison.Ordinal);
        Assert.StartsWith("There is nothing you can do to Active customers in bulk", AdminHtml.Marked(html, "no-actions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAndInsightPagesKeepSlugsInTooltips()
    {
        using var client = await factory.CreateAdminClientAsync();

        var process = await client.GetStringAsync("/stockflow-admin/processes/pipeline");
        var insight = await client.GetStringAsync("/stockflow-admin/insights/leads-by-source");

        Assert.DoesNotContain("<code>pipeline</code>", process, StringComparison.Ordinal);
        Assert.Contains("title=\"Declared as the process 'pipeline'\"", process, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\" title=\"leads-by-source\">", insight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowPageNamesItsSubjectsAndSaysTheBreakdownUsesCurrentValues()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin/flows/signing-up");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var names = (await db.Customers.Select(c => c.Name).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var subjects = Subject().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.DoesNotContain("Rows of", html, StringComparison.Ordinal);
        Assert.Equal("Moves of customers from one stock to another, recorded as they happen", AdminHtml.Marked(html, "details"));
        Assert.NotEmpty(subjects);
        Assert.All(subjects, s => Assert.Contains(s, names));
        Assert.Contains("<strong>current</strong> value", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersShowTheDeclaredColumnsInOrderWithRelatedAndComputedValues()
    {
        using var client = await factory.CreateAdminClientAsync();
        var html = await client.GetStringAsync("/stockflow-admin/stocks/hot-leads/members");

        var table = html[html.IndexOf("data-stockandflow-admin=\"members\"", StringComparison.Ordinal)..];
        var head = table[..table.IndexOf("</thead>", StringComparison.Ordinal)];
        var labels = Header().Matches(head).Select(m => Regex.Replace(Regex.Replace(m.Groups[1].Value, "<[^>]+>", ""), "[▲▼\\s]+", " ").Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(["Name", "Owner", "Source", "Last contact", "Email"], labels);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var owners = await db.Set<SalesRep>().Select(r => r.Name).ToListAsync();
        var body = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..];
        Assert.Contains(owners, o => body.Contains($"<td>{o}</td>", StringComparison.Ordinal));
        Assert.Matches("<td>(today|1 day ago|\\d+ days ago)</td>", body);
        Assert.DoesNotContain(">Temperature<", head, StringComparison.Ordinal);
        Assert.DoesNotContain("OwnerId", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndeclaredMemberColumnsLeaveOutKeysForeignKeysAndTheStocksOwnState()
    {
        var model = StockAndFlowModel.From([new StockAndFlow.Tests.Support.DelegateDefinition(sf =>
            sf.Stock<Lead>("hot-leads", l => l.Temperature == Temperature.Hot))]);
        using var scope = factory.Services.CreateScope();
        var rows = new EntityRows(model, scope.ServiceProvider.GetRequiredService<AdminDatabase>(), TimeProvider.System);

        var labels = rows.ColumnsOf(model.FindStock("hot-leads")!).Select(c => c.Label).ToList();

        Assert.Contains("Name", labels);
        Assert.Contains("Last contacted at", labels);
        Assert.DoesNotContain("Id", labels);
        Assert.DoesNotContain("Owner id", labels);
        Assert.DoesNotContain("Temperature", labels);
    }

    [GeneratedRegex("<td class=\"(?<class>[^\"]*)\" data-stockandflow-admin=\"change\">(?<text>[^<]*)<")]
    private static partial Regex ChangeCell();

    [GeneratedRegex("data-route=\"([^\"]*)\"")]
    private static partial Regex Route();

    [GeneratedRegex("data-stockandflow-admin=\"subject\">([^<]*)<")]
    private static partial Regex Subject();

    [GeneratedRegex("<th scope=\"col\"[^>]*>(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex Header();
}
