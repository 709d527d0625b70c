using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Retention;

/// <summary>The demo's PostgreSQL migration partitions a flow event table that already holds rows, and its Down undoes it.</summary>
public sealed class FlowEventPartitionMigrationTests
{
    [PostgreSqlFact]
    public async Task TheMigrationMovesEveryRowIntoItsMonth_KeepsIdsAndIndexes_AndDownMakesOnePlainTableAgain()
    {
        await using var database = await PostgreSqlTestDatabase.CreateOnServerAsync();
        await using var db = new PostgreSqlShopDbContext(new DbContextOptionsBuilder<PostgreSqlShopDbContext>().UseNpgsql(database.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var partitioning = migrations.Single(m => m.EndsWith("_FlowEventPartitions", StringComparison.Ordinal));
        var before = migrations[migrations.IndexOf(partitioning) - 1];
        await migrator.MigrateAsync(before);
        var indexes = await IndexesAsync(db);

        // Rows in three months of 2025, written before the table was partitioned.
        var stamps = Enumerable.Range(0, 90).Select(i => new DateTime(2025, 1, 10, 6, 0, 0, DateTimeKind.Utc).AddDays(i)).ToList();
        db.AddRange(stamps.Select((at, i) => new FlowEvent { Flow = "signing-up", SubjectType = "Customer", SubjectKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Sink = "customers", OccurredAt = at }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var rows = await RowsAsync(db);

        await migrator.MigrateAsync(partitioning);

        Assert.Equal("p", await ScalarAsync(db, """SELECT relkind::text AS "Value" FROM pg_class WHERE oid = '"StockAndFlow_FlowEvents"'::regclass"""));
        Assert.Equal(rows, await RowsAsync(db));
        Assert.Equal(
            stamps.GroupBy(s => s.ToString("yyyy'm'MM", System.Globalization.CultureInfo.InvariantCulture)).Select(g => ("StockAndFlow_FlowEvents_" + g.Key, (long)g.Count())).Order(),
            (await HoldersAsync(db)).Order());
        Assert.Equal(indexes.Where(i => !i.StartsWith("PK_", StringComparison.Ordinal)), (await IndexesAsync(db)).Where(i => !i.StartsWith("PK_", StringComparison.Ordinal)));
        Assert.Contains("PK_StockAndFlow_FlowEvents", await IndexesAsync(db));

        // The identity goes on after the highest id; a month without its own partition goes to the default one.
        var late = new FlowEvent { Flow = "signing-up", SubjectType = "Customer", SubjectKey = "late", Sink = "customers", OccurredAt = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Add(late);
        await db.SaveChangesAsync();
        Assert.Equal(rows.Max(r => r.Id) + 1, late.Id);
        Assert.Contains(("StockAndFlow_FlowEvents_default", 1L), await HoldersAsync(db));

        await migrator.MigrateAsync(before);

        Assert.Equal("r", await ScalarAsync(db, """SELECT relkind::text AS "Value" FROM pg_class WHERE oid = '"StockAndFlow_FlowEvents"'::regclass"""));
        Assert.Equal(rows.Append((late.Id, late.SubjectKey, late.OccurredAt)).OrderBy(r => r.Id), await RowsAsync(db));
        Assert.Equal(indexes, await IndexesAsync(db));
    }

    private static async Task<List<(long Id, string SubjectKey, DateTime OccurredAt)>> RowsAsync(DbContext db) =>
        [.. (await db.Set<FlowEvent>().AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Id, e.SubjectKey, e.OccurredAt))];

    private static async Task<List<(string, long)>> HoldersAsync(DbContext db)
    {
        var counts = await db.Database.SqlQueryRaw<Holder>(
            """SELECT tableoid::regclass::text AS "Name", count(*) AS "Count" FROM "StockAndFlow_FlowEvents" GROUP BY 1""").ToListAsync();
        return [.. counts.Select(c => (c.Name.Trim('"'), c.Count))];
    }

    private static async Task<List<string>> IndexesAsync(DbContext db) =>
        await db.Database.SqlQueryRaw<string>(
            """SELECT indexname::text AS "Value" FROM pg_indexes WHERE tablename = 'StockAndFlow_FlowEvents' ORDER BY 1""").ToListAsync();

    private static async Task<string> ScalarAsync(DbContext db, string sql) =>
        (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Single();

    private sealed record Holder(string Name, long Count);
}
