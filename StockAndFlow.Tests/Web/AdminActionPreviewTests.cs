using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

/// <summary>The confirmation page works out what an action will do, by rehearsing it, and leaves nothing behind.</summary>
[Collection(AdminAppCollection.Name)]
public sealed partial class AdminActionPreviewTests(AdminAppFactory factory)
{
    [Fact]
    public async Task ConfirmationSaysHowManyLeadsWillMoveFromWhichStockToWhichAndAlongWhichFlow()
    {
        var keys = await KeysAsync(Temperature.Hot, 3);
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"/stockflow-admin/stocks/hot-leads/actions/{AdminTestActions.Chill}?{Keys(keys)}");

        Assert.Equal(["3 leads will move Hot leads → Cold leads (recorded as “Cooling”)"], Moving(html));
        Assert.DoesNotContain("data-stockandflow-admin=\"staying\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsThatWillNotMoveAreCountedAndExplained()
    {
        var keys = await KeysAsync(Temperature.Hot, 4);
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"/stockflow-admin/stocks/hot-leads/actions/mark-contacted?{Keys(keys)}");

        Assert.Equal(["No lead will move to another stock."], Moving(html));
        Assert.StartsWith("4 leads will stay in Hot leads: the action changes them, but they still belong in Hot leads", Text(html, "staying"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmationNamesOnlyTheFlowThatWillHappenAndNoJargon()
    {
        var keys = await KeysAsync(Temperature.Cold, 2);
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"/stockflow-admin/stocks/cold-leads/actions/mark-contacted?{Keys(keys)}");

        Assert.Equal(["2 leads will move Cold leads → Hot leads (recorded as “Re-engaging”)"], Moving(html));
        Assert.DoesNotContain("Dropped", html, StringComparison.Ordinal);
        Assert.DoesNotContain("set-based", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("transaction", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WorkingOutTheMovesChangesNothing()
    {
        var keys = await KeysAsync(Temperature.Cold, 5);
        var before = await StateAsync(keys);
        using var client = await factory.CreateAdminClientAsync();

        var html = await client.GetStringAsync($"/stockflow-admin/stocks/cold-leads/actions/mark-contacted?{Keys(keys)}");

        Assert.Equal(["5 leads will move Cold leads → Hot leads (recorded as “Re-engaging”)"], Moving(html));
        Assert.Equal(before, await StateAsync(keys));
    }

    [Fact]
    public async Task TheExecutionAndTheAuditLogNameTheTickedLeads()
    {
        var keys = await KeysAsync(Temperature.Hot, 2);
        var ids = keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToList();
        string[] names;
        using (var scope = factory.Services.CreateScope())
        {
            names = [.. await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Leads.Where(l => ids.Contains(l.Id)).Select(l => l.Name).ToListAsync()];
        }

        using var client = await factory.CreateAdminClientAsync();
        var url = $"/stockflow-admin/stocks/hot-leads/actions/{AdminTestActions.Touch}?{Keys(keys)}";
        var confirm = await client.GetStringAsync(url);
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AdminAppFactory.AntiforgeryToken(confirm))]);
        using var response = await client.PostAsync(url, form);
        var execution = await client.GetStringAsync(AdminHtml.Target(response));
        var log = await client.GetStringAsync("/stockflow-admin/executions");

        Assert.All(names, n => Assert.Contains(n, AdminHtml.Marked(execution, "names"), StringComparison.Ordinal));
        Assert.All(names, n => Assert.Contains(n, AdminHtml.Marked(log, "names"), StringComparison.Ordinal));
    }

    private async Task<List<string>> KeysAsync(Temperature temperature, int count)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var ids = await db.Leads.Where(l => l.Temperature == temperature).OrderByDescending(l => l.Id).Select(l => l.Id).Take(count).ToListAsync();
        Assert.Equal(count, ids.Count);
        return [.. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    private async Task<(string Rows, long Events)> StateAsync(List<string> keys)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var ids = keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToList();
        var rows = await db.Leads.Where(l => ids.Contains(l.Id)).OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.Temperature}:{l.LastContactedAt:O}").ToListAsync();
        return (string.Join(',', rows), await db.Set<FlowEvent>().LongCountAsync());
    }

    private static List<string> Moving(string html) =>
        [.. MovingLine().Matches(html).Select(m => Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")), "\\s+", " ").Trim())];

    private static string Text(string html, string marker)
    {
        var match = Regex.Match(html, $"data-stockandflow-admin=\"{marker}\"[^>]*>(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element marked {marker}.");
        return Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")), "\\s+", " ").Trim();
    }

    private static string Keys(IEnumerable<string> keys) => string.Join('&', keys.Select(k => $"key={k}"));

    [GeneratedRegex("data-stockandflow-admin=\"moving\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex MovingLine();
}
