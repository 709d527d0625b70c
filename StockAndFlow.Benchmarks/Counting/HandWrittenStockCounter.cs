using Microsoft.Data.Sqlite;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// The work <see cref="StockAndFlow.Counting.StockCounter"/> does, written by hand against SQLite:
/// one conditional-aggregate scan for the four totals, then one GROUP BY per (stock, facet).
/// </summary>
public static class HandWrittenStockCounter
{
    private const string TotalsSql = """
        SELECT COUNT(CASE WHEN "Status" = 0 THEN 1 END),
               COUNT(CASE WHEN "Status" = 1 THEN 1 END),
               COUNT(CASE WHEN "Status" = 2 THEN 1 END),
               COUNT(CASE WHEN "Status" = 3 THEN 1 END)
        FROM "Members"
        """;

    private static readonly (string Facet, string Sql)[] FacetQueries =
    [
        ("region", """SELECT "Region", COUNT(*) FROM "Members" WHERE "Status" = $status GROUP BY "Region" """),
        ("plan", """SELECT "Plan", COUNT(*) FROM "Members" WHERE "Status" = $status GROUP BY "Plan" """),
    ];

    public static async Task<SnapshotNumbers> CountAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        var numbers = new SnapshotNumbers();
        var statuses = Enum.GetValues<MemberStatus>();
        await using (var totals = connection.CreateCommand())
        {
            totals.CommandText = TotalsSql;
            await using var reader = await totals.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            foreach (var status in statuses)
            {
                numbers.Total(MemberStocks.StockOf[status], reader.GetInt64((int)status));
            }
        }

        foreach (var status in statuses)
        {
            foreach (var (facet, sql) in FacetQueries)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$status", (int)status);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    numbers.FacetValue(MemberStocks.StockOf[status], facet, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
                }
            }
        }

        return numbers;
    }
}
