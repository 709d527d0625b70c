using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace StockAndFlow.Storage;

/// <summary>
/// The flow event table partitioned by month of <see cref="FlowEvent.OccurredAt"/> on PostgreSQL
/// (declarative range partitions, one per UTC month, named <c>StockAndFlow_FlowEvents_YYYYmMM</c>,
/// plus a DEFAULT partition so an insert never fails for lack of a month's partition). The EF model
/// keeps <see cref="FlowEvent.Id"/> as its key; the table's primary key is (Id, OccurredAt), as
/// PostgreSQL requires the partition column in it. Other providers keep a plain table.
/// </summary>
public static class FlowEventPartitions
{
    /// <summary>EF Core's PostgreSQL provider name.</summary>
    internal const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    internal const string Table = StockAndFlowModelBuilderExtensions.TablePrefix + "FlowEvents";

    internal const string DefaultPartition = Table + "_default";

    // Idempotent: does nothing unless the table exists as a plain table. Keeps every column and
    // secondary index as they are (their definitions are read from the catalog and replayed on the
    // partitioned table, so they keep their names), the identity continues after the highest id, and
    // one partition is made per month from the oldest event to two months after the current one.
    private const string PartitionSql = """
        DO $partition$
        DECLARE
          defs text[];
          def text;
          first_month timestamptz;
          last_month timestamptz;
          m timestamptz;
          next_id bigint;
        BEGIN
          IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('"StockAndFlow_FlowEvents"')) IS DISTINCT FROM 'r' THEN
            RETURN;
          END IF;
          LOCK TABLE "StockAndFlow_FlowEvents" IN ACCESS EXCLUSIVE MODE;
          SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), ARRAY[]::text[]) INTO defs
            FROM pg_index i WHERE i.indrelid = to_regclass('"StockAndFlow_FlowEvents"') AND NOT i.indisprimary;
          FOR def IN SELECT quote_ident(c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE i.indrelid = to_regclass('"StockAndFlow_FlowEvents"') AND NOT i.indisprimary LOOP
            EXECUTE 'DROP INDEX ' || def;
          END LOOP;
          ALTER TABLE "StockAndFlow_FlowEvents" RENAME CONSTRAINT "PK_StockAndFlow_FlowEvents" TO "PK_StockAndFlow_FlowEvents_unpartitioned";
          ALTER TABLE "StockAndFlow_FlowEvents" RENAME TO "StockAndFlow_FlowEvents_unpartitioned";
          CREATE TABLE "StockAndFlow_FlowEvents" (LIKE "StockAndFlow_FlowEvents_unpartitioned" INCLUDING DEFAULTS INCLUDING IDENTITY)
            PARTITION BY RANGE ("OccurredAt");
          ALTER TABLE "StockAndFlow_FlowEvents" ADD CONSTRAINT "PK_StockAndFlow_FlowEvents" PRIMARY KEY ("Id", "OccurredAt");
          CREATE TABLE "StockAndFlow_FlowEvents_default" PARTITION OF "StockAndFlow_FlowEvents" DEFAULT;
          SELECT date_trunc('month', min("OccurredAt"), 'UTC'), date_trunc('month', max("OccurredAt"), 'UTC')
            INTO first_month, last_month FROM "StockAndFlow_FlowEvents_unpartitioned";
          first_month := least(coalesce(first_month, date_trunc('month', now(), 'UTC')), date_trunc('month', now(), 'UTC'));
          last_month := greatest(coalesce(last_month, first_month), date_trunc('month', now(), 'UTC') + interval '2 months');
          m := first_month;
          WHILE m <= last_month LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF "StockAndFlow_FlowEvents" FOR VALUES FROM (%L) TO (%L)',
              'StockAndFlow_FlowEvents_' || to_char(m AT TIME ZONE 'UTC', 'YYYY"m"MM'), m, m + interval '1 month');
            m := m + interval '1 month';
          END LOOP;
          INSERT INTO "StockAndFlow_FlowEvents" SELECT * FROM "StockAndFlow_FlowEvents_unpartitioned";
          SELECT coalesce(max("Id"), 0) + 1 INTO next_id FROM "StockAndFlow_FlowEvents_unpartitioned";
          PERFORM setval(pg_get_serial_sequence('"StockAndFlow_FlowEvents"', 'Id'), next_id, false);
          DROP TABLE "StockAndFlow_FlowEvents_unpartitioned";
          FOREACH def IN ARRAY defs LOOP
            EXECUTE def;
          END LOOP;
        END
        $partition$;
        """;

    // The way back (a migration's Down): a plain table with the same columns, key (Id) and indexes.
    private const string UnpartitionSql = """
        DO $unpartition$
        DECLARE
          defs text[];
          def text;
          next_id bigint;
        BEGIN
          IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('"StockAndFlow_FlowEvents"')) IS DISTINCT FROM 'p' THEN
            RETURN;
          END IF;
          LOCK TABLE "StockAndFlow_FlowEvents" IN ACCESS EXCLUSIVE MODE;
          SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), ARRAY[]::text[]) INTO defs
            FROM pg_index i WHERE i.indrelid = to_regclass('"StockAndFlow_FlowEvents"') AND NOT i.indisprimary;
          ALTER TABLE "StockAndFlow_FlowEvents" RENAME TO "StockAndFlow_FlowEvents_partitioned";
          FOR def IN SELECT quote_ident(c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE i.indrelid = to_regclass('"StockAndFlow_FlowEvents_partitioned"') AND NOT i.indisprimary LOOP
            EXECUTE 'DROP INDEX ' || def;
          END LOOP;
          ALTER TABLE "StockAndFlow_FlowEvents_partitioned" RENAME CONSTRAINT "PK_StockAndFlow_FlowEvents" TO "PK_StockAndFlow_FlowEvents_partitioned";
          CREATE TABLE "StockAndFlow_FlowEvents" (LIKE "StockAndFlow_FlowEvents_partitioned" INCLUDING DEFAULTS INCLUDING IDENTITY);
          INSERT INTO "StockAndFlow_FlowEvents" SELECT * FROM "StockAndFlow_FlowEvents_partitioned";
          ALTER TABLE "StockAndFlow_FlowEvents" ADD CONSTRAINT "PK_StockAndFlow_FlowEvents" PRIMARY KEY ("Id");
          SELECT coalesce(max("Id"), 0) + 1 INTO next_id FROM "StockAndFlow_FlowEvents";
          PERFORM setval(pg_get_serial_sequence('"StockAndFlow_FlowEvents"', 'Id'), next_id, false);
          DROP TABLE "StockAndFlow_FlowEvents_partitioned";
          FOREACH def IN ARRAY defs LOOP
            EXECUTE def;
          END LOOP;
        END
        $unpartition$;
        """;

    /// <summary>
    /// In a PostgreSQL migration: turns the flow event table into monthly partitions (rows moved,
    /// indexes recreated under their names). Emits nothing on another provider; does nothing when the
    /// table is already partitioned.
    /// </summary>
    public static MigrationBuilder PartitionStockAndFlowEvents(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == PostgreSqlProvider)
        {
            migrationBuilder.Sql(PartitionSql);
        }

        return migrationBuilder;
    }

    /// <summary>The way back from <see cref="PartitionStockAndFlowEvents(MigrationBuilder)"/>: one plain table again.</summary>
    public static MigrationBuilder UnpartitionStockAndFlowEvents(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == PostgreSqlProvider)
        {
            migrationBuilder.Sql(UnpartitionSql);
        }

        return migrationBuilder;
    }

    /// <summary>
    /// For a PostgreSQL database created without migrations (<c>EnsureCreated</c>): partitions the flow
    /// event table as the migration does. Idempotent; does nothing on another provider.
    /// </summary>
    public static async Task PartitionStockAndFlowEventsAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (IsPostgreSql(db))
        {
            await db.Database.ExecuteSqlRawAsync(PartitionSql, cancellationToken);
        }
    }

    internal static bool IsPostgreSql(DbContext db) => db.Database.ProviderName == PostgreSqlProvider;

    /// <summary>True when the event table is a partitioned PostgreSQL table.</summary>
    internal static async Task<bool> IsPartitionedAsync(DbContext db, CancellationToken cancellationToken) =>
        IsPostgreSql(db) && await ScalarAsync<bool>(db,
            """SELECT coalesce((SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass('"StockAndFlow_FlowEvents"')), false) AS "Value" """,
            cancellationToken);

    /// <summary>The start (UTC) of every month that has its own partition, oldest first.</summary>
    internal static async Task<List<DateTime>> MonthsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var names = await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname::text AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass('"StockAndFlow_FlowEvents"')
            """).ToListAsync(cancellationToken);
        return [.. names.Select(MonthOf).OfType<DateTime>().Order()];
    }

    /// <summary>
    /// Creates <paramref name="month"/>'s partition unless it exists, moving that month's rows out of the
    /// default partition first (PostgreSQL refuses a partition whose rows sit in the default one).
    /// Returns true when it created it.
    /// </summary>
    internal static async Task<bool> CreateMonthAsync(DbContext db, DateTime month, CancellationToken cancellationToken)
    {
        var name = NameOf(month);
        var (from, to) = (Literal(month), Literal(month.AddMonths(1)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        if (await ScalarAsync<bool>(db, $"""SELECT to_regclass('"{name}"') IS NOT NULL AS "Value" """, cancellationToken))
        {
            return false;
        }

        await ExecuteAsync(db, $"""
            CREATE TABLE "{name}" (LIKE "{Table}" INCLUDING DEFAULTS);
            WITH moved AS (DELETE FROM "{DefaultPartition}" WHERE "OccurredAt" >= {from} AND "OccurredAt" < {to} RETURNING *)
            INSERT INTO "{name}" SELECT * FROM moved;
            ALTER TABLE "{Table}" ATTACH PARTITION "{name}" FOR VALUES FROM ({from}) TO ({to});
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Drops <paramref name="month"/>'s partition if every event in it has an id at most
    /// <paramref name="maxId"/> (checked under the table's lock, so no insert slips in between).
    /// Returns false, dropping nothing, when an event is newer or the lock is not had within 5 s.
    /// </summary>
    internal static async Task<bool> DropMonthAsync(DbContext db, DateTime month, long maxId, CancellationToken cancellationToken)
    {
        var name = NameOf(month);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        if (!await ScalarAsync<bool>(db, $"""SELECT to_regclass('"{name}"') IS NOT NULL AS "Value" """, cancellationToken))
        {
            return false;
        }

        try
        {
            // A short wait: readers hold the parent table, and inserts would queue behind this lock.
            await ExecuteAsync(db, $"""SET LOCAL lock_timeout = '5s'; LOCK TABLE "{Table}" IN ACCESS EXCLUSIVE MODE""", cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException)
        {
            return false;
        }

        if (await ScalarAsync<long>(db, $"""SELECT coalesce(max("Id"), 0) AS "Value" FROM "{name}" """, cancellationToken) > maxId)
        {
            return false;
        }

        await ExecuteAsync(db, $"""DROP TABLE "{name}" """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The partition name of the month starting at <paramref name="month"/> (UTC).</summary>
    internal static string NameOf(DateTime month) => Table + "_" + month.ToString("yyyy'm'MM", CultureInfo.InvariantCulture);

    private static DateTime? MonthOf(string name) =>
        name.StartsWith(Table + "_", StringComparison.Ordinal)
        && DateTime.TryParseExact(name[(Table.Length + 1)..], "yyyy'm'MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
            ? month
            : null;

    private static string Literal(DateTime utc) => "timestamptz '" + utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00'";

    // Two servers running the job at once take turns on partition changes.
    private static Task LockAsync(DbContext db, CancellationToken cancellationToken) =>
        ExecuteAsync(db, "SELECT pg_advisory_xact_lock(hashtext('stockandflow:flow-event-partitions'))", cancellationToken);

    private static Task ExecuteAsync(DbContext db, string sql, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(sql, cancellationToken);

    private static async Task<T> ScalarAsync<T>(DbContext db, string sql, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<T>(sql).ToListAsync(cancellationToken)).Single();
}
