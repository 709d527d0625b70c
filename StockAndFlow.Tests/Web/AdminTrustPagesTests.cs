using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Web;

/// <summary>What the engine knows about the numbers' limits, shown where an operator reads them.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminTrustPagesTests(AdminAppFactory factory)
{
    [Fact]
    public async Task AStockPageSaysWhichMovesInOrOutOfItNoFlowRecords()
    {
        using var client = await factory.CreateAdminClientAsync();

        var trial = await client.GetStringAsync("/stockflow-admin/stocks/trial-customers");

        // Customers: signing up, converting, churning and reactivating are declared; a customer set back
        // from active to trial, or deleted while on trial, is not.
        Assert.Contains("data-stockandflow-admin=\"unrecorded-moves\"", trial, StringComparison.Ordinal);
        Assert.Contains("Active customers → Trial customers", WebUtility.HtmlDecode(trial), StringComparison.Ordinal);
        Assert.Contains("Trial customers → outside", WebUtility.HtmlDecode(trial), StringComparison.Ordinal);
        Assert.DoesNotContain("outside → Trial customers", WebUtility.HtmlDecode(trial), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInterruptedExecutionIsShownAsFinishedWithWhatWasCommitted()
    {
        using var client = await factory.CreateAdminClientAsync();
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var execution = new ActionExecution
            {
                Action = "mark-contacted", Stock = "hot-leads", Filter = "all", FilterJson = "{}", User = "someone",
                Status = ActionExecutionStatus.Interrupted, RequestedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow,
                Selected = 600, Processed = 200, Affected = 200, Error = "200 rows were committed before the server stopped.",
            };
            db.Add(execution);
            await db.SaveChangesAsync();
            id = execution.Id;
        }

        var page = await client.GetStringAsync($"/stockflow-admin/executions/{id}");

        Assert.Contains("data-finished=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-stockandflow-admin=\"interrupted\"", page, StringComparison.Ordinal);
        Assert.Contains("200 rows were committed", page, StringComparison.Ordinal);
        Assert.Contains(">Interrupted</span>", page, StringComparison.Ordinal);
    }
}
