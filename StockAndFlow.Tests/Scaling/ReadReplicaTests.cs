using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Providers;
using StockAndFlow.Tests.Support;
using StockAndFlow.Tests.Web;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Scaling;

/// <summary>
/// The admin reading a real PostgreSQL streaming standby (<c>ConnectionStrings:StockAndFlowRead</c>):
/// the demo writes on the primary, the standby replays, and the admin shows the standby's numbers with
/// how far behind they are; its writes still go to the primary. ./test.sh starts the standby with
/// pg_basebackup -R and exports <see cref="StandbyVariable"/>. On SQLite the read connection is a
/// snapshot of the app's file, so the admin's numbers are the snapshot's while the app writes its own.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed partial class ReadReplicaTests
{
    public const string StandbyVariable = "STOCKANDFLOW_TEST_POSTGRES_STANDBY";

    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(60);

    [PostgreSqlFact(StandbyVariable)]
    public async Task TheAdminReadsTheStandby_ShowsWhatItReplayedAndHowFarBehind_AndWritesGoToThePrimary()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        var standby = new NpgsqlConnectionStringBuilder(PostgreSqlTestDatabase.ServerConnectionString(StandbyVariable))
        {
            Database = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database,
        }.ConnectionString;
        await using var factory = WithReadConnection(new ProviderAppFactory("PostgreSql", database.ConnectionString), standby);
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);
        await WaitForReplayAsync(database.ConnectionString, standby);

        // Caught up: the page's counts are the standby's, which are the primary's.
        var html = await CaughtUpAdminPageAsync(client);
        var hot = await CountHotAsync(factory, standby);
        Assert.Equal(await CountHotAsync(factory, database.ConnectionString), hot);
        Assert.Equal(hot, HotOnIndex(html));
        Assert.Equal(hot, await HotFromApiAsync(client));
        var lag = LagLine(html);
        Assert.Equal("true", lag.Groups["caughtUp"].Value);
        Assert.Equal(await ReplayedAtAsync(standby), DateTime.Parse(lag.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

        // Replay paused: a tracked save on the primary (capture writes its events there) reaches the
        // standby but is not applied, so the admin still shows the standby's older numbers and says so.
        await ExecuteAsync(standby, "SELECT pg_wal_replay_pause()");
        try
        {
            var cooled = await CoolHotLeadsAsync(factory, 3);
            Assert.Equal(hot - cooled, await CountHotAsync(factory, database.ConnectionString));
            await WaitForReceiptAsync(database.ConnectionString, standby);
            var paused = await client.GetStringAsync("/stockflow-admin");
            Assert.Equal(hot, await CountHotAsync(factory, standby));
            Assert.Equal(hot, HotOnIndex(paused));
            Assert.Equal(hot, await HotFromApiAsync(client));
            Assert.Equal("false", LagLine(paused).Groups["caughtUp"].Value);
            Assert.Contains("data-stockandflow-admin=\"replica-behind\"", paused, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(standby, "SELECT pg_wal_replay_resume()");
        }

        await WaitForReplayAsync(database.ConnectionString, standby);
        var resumed = await CaughtUpAdminPageAsync(client);
        var hotAfter = await CountHotAsync(factory, standby);
        Assert.Equal(hot - 3, hotAfter);
        Assert.Equal(hotAfter, HotOnIndex(resumed));
        Assert.Equal("true", LagLine(resumed).Groups["caughtUp"].Value);

        // Writes go to the primary: a standby refuses them ("cannot execute … in a read-only transaction").
        await AssertWritesGoToTheAppsDatabaseAsync(factory, client);
    }

    [Fact]
    public async Task OnSqliteTheAdminReadsTheReadFile_WithoutALagLine_AndWritesToTheAppsFile()
    {
        await using var demo = new DemoAppFactory();
        var copy = Path.Combine(Path.GetDirectoryName(demo.DatabasePath)!, "read.db");
        var read = $"Data Source={copy}";
        await using var factory = WithReadConnection(demo, read);
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);
        await using (var connection = new SqliteConnection($"Data Source={demo.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var vacuum = new SqliteCommand($"VACUUM INTO '{copy}'", connection);
            await vacuum.ExecuteNonQueryAsync();
        }

        var hot = await CountHotAsync(factory, read);
        var cooled = await CoolHotLeadsAsync(factory, 3);
        var html = await client.GetStringAsync("/stockflow-admin");

        Assert.Equal(hot - cooled, await CountHotAsync(factory, $"Data Source={demo.DatabasePath}"));
        Assert.Equal(hot, HotOnIndex(html));
        Assert.Equal(hot, await HotFromApiAsync(client));
        Assert.DoesNotContain("data-stockandflow-admin=\"replica-lag\"", html, StringComparison.Ordinal);
        await AssertWritesGoToTheAppsDatabaseAsync(factory, client);
        Assert.Equal(hot, await CountHotAsync(factory, read));
    }

    [PostgreSqlFact]
    public async Task AReadConnectionToThePrimaryShowsTheNumbersAndNoLagLine()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var factory = WithReadConnection(new ProviderAppFactory("PostgreSql", database.ConnectionString), database.ConnectionString);
        using var client = await AdminAppFactory.SignInAsync(factory, AdminAppFactory.AdminEmail, AdminAppFactory.AdminPassword);

        var html = await client.GetStringAsync("/stockflow-admin");

        Assert.Equal(await CountHotAsync(factory, database.ConnectionString), HotOnIndex(html));
        Assert.DoesNotContain("data-stockandflow-admin=\"replica-lag\"", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs "mark-contacted" on two cold leads (its preview rehearses it first) and pauses a decay rule
    /// through the admin's forms, then checks both on the app's own database.
    /// </summary>
    private static async Task AssertWritesGoToTheAppsDatabaseAsync(WebApplicationFactory<Program> factory, HttpClient client)
    {
        var cold = await ColdLeadIdsAsync(factory, 2);
        long executionsBefore;
        await using (var before = factory.Services.CreateAsyncScope())
        {
            // The demo's seeded history holds executions of its own.
            executionsBefore = await before.ServiceProvider.GetRequiredService<ShopDbContext>().Set<ActionExecution>().LongCountAsync(e => e.Action == "mark-contacted");
        }

        var confirmUrl = $"/stockflow-admin/stocks/cold-leads/actions/mark-contacted?{string.Join('&', cold.Select(id => $"key={id}"))}";
        var confirm = await client.GetStringAsync(confirmUrl);
        using (var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AdminAppFactory.AntiforgeryToken(confirm))]))
        using (var run = await client.PostAsync(confirmUrl, form))
        {
            Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(AdminHtml.Target(run))).StatusCode);
        }

        var rule = factory.Services.GetRequiredService<StockAndFlowModel>().DecayRules[0];
        var jobs = await client.GetStringAsync("/stockflow-admin/jobs");
        using (var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AdminAppFactory.AntiforgeryToken(jobs))]))
        using (var pause = await client.PostAsync($"/stockflow-admin/jobs/decay/{rule.Slug}/pause", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var primary = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.Equal(cold.Count, await primary.Leads.CountAsync(l => cold.Contains(l.Id) && l.Temperature == Temperature.Hot));
        Assert.Equal(executionsBefore + 1, await primary.Set<ActionExecution>().LongCountAsync(e => e.Action == "mark-contacted"));
        Assert.True(await scope.ServiceProvider.GetRequiredService<DecayRunner>().IsPausedAsync(primary, rule));
    }

    private static WebApplicationFactory<Program> WithReadConnection(WebApplicationFactory<Program> factory, string read) =>
        factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:StockAndFlowRead", read));

    private static long HotOnIndex(string html) =>
        AdminHtml.Number(AdminHtml.Marked(html[html.IndexOf("data-stock=\"hot-leads\"", StringComparison.Ordinal)..], "count"));

    private static async Task<long> HotFromApiAsync(HttpClient client)
    {
        var stocks = await client.GetFromJsonAsync<List<ApiStock>>("/stockflow-admin/api/stocks");
        return Assert.Single(stocks!, s => s.Slug == "hot-leads").Count;
    }

    private static Match LagLine(string html)
    {
        var match = LagPattern().Match(html);
        Assert.True(match.Success, "The page has no replica lag line.");
        return match;
    }

    /// <summary>Hot leads counted with a plain query on the database of <paramref name="connectionString"/>.</summary>
    private static async Task<long> CountHotAsync(WebApplicationFactory<Program> factory, string connectionString)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        db.Database.SetConnectionString(connectionString);
        return await db.Leads.LongCountAsync(l => l.Temperature == Temperature.Hot);
    }

    /// <summary>Moves <paramref name="count"/> hot leads to cold with one tracked save through the host.</summary>
    private static async Task<int> CoolHotLeadsAsync(WebApplicationFactory<Program> factory, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var leads = await db.Leads.Where(l => l.Temperature == Temperature.Hot).OrderBy(l => l.Id).Take(count).ToListAsync();
        leads.ForEach(l => l.Temperature = Temperature.Cold);
        await db.SaveChangesAsync();
        return leads.Count;
    }

    private static async Task<List<int>> ColdLeadIdsAsync(WebApplicationFactory<Program> factory, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return await db.Leads.Where(l => l.Temperature == Temperature.Cold).OrderBy(l => l.Id).Select(l => l.Id).Take(count).ToListAsync();
    }

    private static async Task<DateTime> ReplayedAtAsync(string standby)
    {
        await using var connection = new NpgsqlConnection(standby);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_last_xact_replay_timestamp()", connection);
        return ((DateTime)(await command.ExecuteScalarAsync())!).ToUniversalTime();
    }

    /// <summary>Waits until the standby has replayed (or, for receipt, received) the primary's WAL as it is now.</summary>
    // The admin index once its lag line says the standby has replayed all it received. The app's own
    // background work (Hangfire's polling and heartbeats on the primary) keeps writing, so a page read
    // just after a replay wait can still see a newer record received and not yet replayed.
    private static async Task<string> CaughtUpAdminPageAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + ReplayTimeout;
        while (true)
        {
            var html = await client.GetStringAsync("/stockflow-admin");
            if (LagLine(html).Groups["caughtUp"].Value == "true" || DateTime.UtcNow > deadline)
            {
                return html;
            }

            await Task.Delay(100);
        }
    }

    private static Task WaitForReplayAsync(string primary, string standby) => WaitForStandbyAsync(primary, standby, "pg_last_wal_replay_lsn()");

    private static Task WaitForReceiptAsync(string primary, string standby) => WaitForStandbyAsync(primary, standby, "pg_last_wal_receive_lsn()");

    private static async Task WaitForStandbyAsync(string primary, string standby, string position)
    {
        // The insert position: with synchronous_commit = off (./test.sh) a commit may not be written out
        // yet, so pg_current_wal_lsn() could be before it.
        string target;
        await using (var connection = new NpgsqlConnection(primary))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection);
            target = (string)(await command.ExecuteScalarAsync())!;
        }

        var deadline = DateTime.UtcNow + ReplayTimeout;
        await using var standbyConnection = new NpgsqlConnection(standby);
        await standbyConnection.OpenAsync();
        while (true)
        {
            await using var check = new NpgsqlCommand($"SELECT {position} >= @target::pg_lsn", standbyConnection);
            check.Parameters.AddWithValue("target", target);
            if ((bool)(await check.ExecuteScalarAsync())!)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The standby did not reach {target} ({position}) within {ReplayTimeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record ApiStock(string Slug, long Count);

    [GeneratedRegex("data-stockandflow-admin=\"replica-lag\" data-caught-up=\"(?<caughtUp>true|false)\"(?s:.*?)<time datetime=\"(?<at>[^\"]+)\" data-stockandflow-admin=\"replica-replayed-at\"")]
    private static partial Regex LagPattern();
}
