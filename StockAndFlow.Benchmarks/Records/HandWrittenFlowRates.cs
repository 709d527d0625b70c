using StockAndFlow.Reading;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StockAndFlow.Benchmarks.Records;

/// <summary>
/// What a developer writes without flow records: one GROUP BY day over the events of the flow, on the
/// engine's (Flow, OccurredAt) index, with empty days filled with zero. Days are UTC days, as the
/// benchmark's reporting zone is UTC.
/// </summary>
public static class HandWrittenFlowRates
{
    /// <summary>The query; the day is the date part of the stored 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text.</summary>
    public const string Sql = """
        SELECT substr("OccurredAt", 1, 10) AS "Day", COUNT(*)
        FROM "StockAndFlow_FlowEvents"
        WHERE "Flow" = $flow AND "OccurredAt" >= $from AND "OccurredAt" < $to
        GROUP BY "Day"
        """;

    /// <summary>Events of <paramref name="flow"/> per UTC day from <paramref name="from"/> (a midnight) up to <paramref name="to"/>.</summary>
    public static async Task<IReadOnlyList<SeriesPoint>> ReadDailyAsync(SqliteConnection connection, string flow, DateTime from, DateTime to)
    {
        var counts = new Dictionary<DateTime, long>();
        await using (var command = Command(connection, Sql, flow, from, to))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var day = DateTime.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                counts[day] = reader.GetInt64(1);
            }
        }

        var series = new List<SeriesPoint>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            series.Add(new SeriesPoint(day, counts.GetValueOrDefault(day)));
        }

        return series;
    }

    /// <summary>SQLite's plan for <see cref="Sql"/>, one line per step.</summary>
    public static async Task<string> ExplainAsync(SqliteConnection connection, string flow, DateTime from, DateTime to)
    {
        await using var command = Command(connection, "EXPLAIN QUERY PLAN " + Sql, flow, from, to);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string flow, DateTime from, DateTime to)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$flow", flow);

        // Bound as DateTime, so the text is formatted exactly as the engine stores OccurredAt.
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        return command;
    }
}
