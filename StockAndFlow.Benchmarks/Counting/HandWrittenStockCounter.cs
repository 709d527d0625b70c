using System.Data.Common;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Counting;

/// <summary>
/// The work <see cref="StockAndFlow.Counting.StockCounter"/> does, written by hand (SQLite and
/// PostgreSQL alike): one conditional-aggregate scan for the four totals, then one GROUP BY per
/// (stock, facet); and <see cref="CountGroupedAsync"/>, one GROUP BY of every (status, region, plan)
/// with the totals and facet counts summed from its groups.
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
        ("region", """SELECT "Region", COUNT(*) FROM "Members" WHERE "Status" = @status GROUP BY "Region" """),
        ("plan", """SELECT "Plan", COUNT(*) FROM "Members" WHERE "Status" = @status GROUP BY "Plan" """),
    ];

    public static async Task<SnapshotNumbers> CountAsync(DbConnection connection, CancellationToken cancellationToken = default)
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
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@status";
                parameter.Value = (int)status;
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    numbers.FacetValue(MemberStocks.StockOf[status], facet, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
                }
            }
        }

        return numbers;
    }

    /// <summary>One scan, one GROUP BY of every (status, region, plan): totals and facet counts are sums of its groups.</summary>
    public static async Task<SnapshotNumbers> CountGroupedAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var totals = new Dictionary<string, long>();
        var values = new Dictionary<(string Stock, string Facet, string Value), long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT "Status", "Region", "Plan", COUNT(*) FROM "Members" GROUP BY "Status", "Region", "Plan" """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stock = MemberStocks.StockOf[(MemberStatus)reader.GetInt32(0)];
                var count = reader.GetInt64(3);
                totals[stock] = totals.GetValueOrDefault(stock) + count;
                var region = (stock, "region", reader.GetString(1));
                var plan = (stock, "plan", reader.GetString(2));
                values[region] = values.GetValueOrDefault(region) + count;
                values[plan] = values.GetValueOrDefault(plan) + count;
            }
        }

        var numbers = new SnapshotNumbers();
        foreach (var (stock, total) in totals)
        {
            numbers.Total(stock, total);
        }

        foreach (var ((stock, facet, value), count) in values)
        {
            numbers.FacetValue(stock, facet, value, count);
        }

        return numbers;
    }
}
