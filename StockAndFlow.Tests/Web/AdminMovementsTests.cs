using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Web;

/// <summary>The movements page and API over the demo's year of history: every number from the same flow events.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminMovementsTests(AdminAppFactory factory)
{
    [Fact]
    public async Task TheTransitionMatrixCountsEveryMoveOfTheRangeBySourceAndSink()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/types/Customer/transitions?range=90d"));
        var from = json.RootElement.GetProperty("from").GetDateTime().ToUniversalTime();
        var to = json.RootElement.GetProperty("to").GetDateTime().ToUniversalTime();
        var moves = json.RootElement.GetProperty("moves").EnumerateArray()
            .ToDictionary(m => (m.GetProperty("source").GetString(), m.GetProperty("sink").GetString()), m => m.GetProperty("count").GetInt64());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var flows = new[] { "signing-up", "converting", "churning", "reactivating" };
        var expected = (await db.Set<FlowEvent>().AsNoTracking().Where(e => flows.Contains(e.Flow) && e.OccurredAt >= from && e.OccurredAt < to).ToListAsync())
            .GroupBy(e => (e.Source, e.Sink)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()), moves.OrderBy(e => e.Key.ToString()));
        Assert.True(moves.ContainsKey(("churned-customers", "active-customers")), "Reactivations should show as churned → active.");

        var page = await client.GetStringAsync("/stockflow-admin/types/Customer/movements?range=90d");
        Assert.Contains("data-stockandflow-admin=\"transition-matrix\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-move=\"churned-customers→active-customers\">\n", WebUtility.HtmlDecode(page).Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("data-stockandflow-admin=\"dwell-times\"", page, StringComparison.Ordinal);
        Assert.Contains("data-stockandflow-admin=\"cohorts\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DwellTimesAndCohortsAnswerAsJsonAndCsv_AndUnknownNamesAre404()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var dwell = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/types/Lead/dwell?range=1y"));
        var hot = dwell.RootElement.GetProperty("stocks").EnumerateArray().Single(s => s.GetProperty("stock").GetString() == "hot-leads");
        Assert.True(hot.GetProperty("leaves").GetInt32() > 0);
        Assert.True(hot.GetProperty("medianDays").GetDouble() <= hot.GetProperty("percentile90Days").GetDouble());

        using var cohorts = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/trial-customers/cohorts?range=90d&period=week"));
        Assert.Equal("week", cohorts.RootElement.GetProperty("period").GetString());
        Assert.True(cohorts.RootElement.GetProperty("cohorts").GetArrayLength() >= 12);

        var csv = await client.GetStringAsync("/stockflow-admin/api/types/Customer/transitions?range=30d&format=csv");
        Assert.StartsWith("source,sink,count,share", csv, StringComparison.Ordinal);

        using var unknownType = await client.GetAsync("/stockflow-admin/api/types/Nothing/transitions");
        using var unknownPage = await client.GetAsync("/stockflow-admin/types/Nothing/movements");
        Assert.Equal(HttpStatusCode.NotFound, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
    }

    [Fact]
    public async Task AProjectionStartsFromTheLiveCount_AndAWhatIfOnAnOutflowRaisesIt()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var plain = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/warm-leads/projection?range=90d&period=week&ahead=6"));
        using var fewerCooling = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/warm-leads/projection?range=90d&period=week&ahead=6&whatIf=cooling:-50"));
        using var stock = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/stocks/warm-leads"));

        Assert.Equal(stock.RootElement.GetProperty("summary").GetProperty("count").GetInt64(), plain.RootElement.GetProperty("current").GetInt64());
        Assert.Equal(6, plain.RootElement.GetProperty("points").GetArrayLength());
        Assert.True(plain.RootElement.GetProperty("measured").GetInt32() >= 12);
        var cooling = fewerCooling.RootElement.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "cooling");
        Assert.Equal(0.5, cooling.GetProperty("factor").GetDouble(), 9);
        // Cooling brings leads into warm (from hot) and takes them out (to cold): halving it moves the mean
        // by half of its net effect on warm leads.
        var coolingNet = plain.RootElement.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "cooling");
        var expectedShift = -0.5 * (coolingNet.GetProperty("meanIn").GetDouble() - coolingNet.GetProperty("meanOut").GetDouble());
        Assert.Equal(plain.RootElement.GetProperty("meanNet").GetDouble() + expectedShift, fewerCooling.RootElement.GetProperty("meanNet").GetDouble(), 6);

        using var bad = await client.GetAsync("/stockflow-admin/api/stocks/warm-leads/projection?whatIf=signing-up:10");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("whatIf", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentMembersAgesCountEveryRowWhoseLatestMoveEnteredTheStock()
    {
        using var client = await factory.CreateAdminClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/stockflow-admin/api/types/Lead/ages"));
        var page = await client.GetStringAsync("/stockflow-admin/types/Lead/movements");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var flows = new[] { "new-lead", "cooling", "re-engaging", "dropped" };
        var latest = (await db.Set<FlowEvent>().AsNoTracking().Where(e => flows.Contains(e.Flow)).ToListAsync())
            .GroupBy(e => e.SubjectKey).Select(g => g.MaxBy(e => (e.OccurredAt, e.Id))!).ToList();
        foreach (var stock in json.RootElement.GetProperty("stocks").EnumerateArray())
        {
            var slug = stock.GetProperty("stock").GetString();
            Assert.Equal(latest.Count(e => e.Sink == slug), stock.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
        }

        Assert.Equal(5, json.RootElement.GetProperty("bands").GetArrayLength());
        Assert.Contains("data-stockandflow-admin=\"member-ages\"", page, StringComparison.Ordinal);
    }
}
