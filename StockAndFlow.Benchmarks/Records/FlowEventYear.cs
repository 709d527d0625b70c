using StockAndFlow.Counting;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Records;

/// <summary>
/// A SQLite file with a year of member flow events (10 M by default) of <see cref="MemberFlows"/> and
/// the flow records built from them, under <see cref="BenchmarkDatabase.Folder"/>. Generated once per
/// event count and reused by every benchmark process that asks for it afterwards.
/// </summary>
public static class FlowEventYear
{
    // Bump when the generated events, the model or the schema changes, so stale files are not reused.
    private const string DataVersion = "v1";

    private const int Members = 250_000;

    /// <summary>The first instant of the year of events: a UTC midnight.</summary>
    public static DateTime Start { get; } = new(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The clock P4 runs at: mid-afternoon of the year's last day, so the series ends with an open day
    /// that the engine counts live. No event is later than this.
    /// </summary>
    public static DateTime Now { get; } = new(2025, 6, 30, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>The end of the day containing <see cref="Now"/>; the series run from <see cref="Start"/> to here.</summary>
    public static DateTime End { get; } = Now.Date.AddDays(1);

    /// <summary>The engine's services over <see cref="MemberFlows"/>, reporting in UTC, at <see cref="Now"/>.</summary>
    public static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(Now)));
        services.AddStockAndFlow<BenchmarkDbContext>(configure: o => o.ReportingTimeZone = "UTC").AddDefinition(new MemberFlows());
        return services.BuildServiceProvider();
    }

    /// <summary>The path of a database with <paramref name="events"/> events and their flow records, generating it if missing.</summary>
    public static async Task<string> EnsureAsync(int events)
    {
        Directory.CreateDirectory(BenchmarkDatabase.Folder);
        var path = Path.Combine(BenchmarkDatabase.Folder, $"flow-events-{events}-{DataVersion}.db");
        var notes = path + ".txt";
        if (File.Exists(path))
        {
            // What the generation cost is worth seeing on every run, not only the first.
            Console.WriteLine(File.Exists(notes) ? await File.ReadAllTextAsync(notes) : $"Reusing {path}.");
            return path;
        }

        // Built beside the target and moved into place, so an interrupted run leaves no half file.
        var building = path + "." + Environment.ProcessId + ".building";
        File.Delete(building);
        var clock = Stopwatch.StartNew();
        Generate(building, events);
        var generated = clock.Elapsed;
        var generatedPeak = Process.GetCurrentProcess().PeakWorkingSet64;

        clock.Restart();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int records;
        await using (var services = Services())
        await using (var connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(building, pooling: false)))
        {
            await connection.OpenAsync();
            await using var db = new BenchmarkDbContext(BenchmarkDatabase.Options(connection));
            records = await services.GetRequiredService<FlowRecordUpdater>().UpdateAsync(db);
        }

        var built = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var builtPeak = Process.GetCurrentProcess().PeakWorkingSet64;
        File.Move(building, path, overwrite: true);

        var text = string.Create(CultureInfo.InvariantCulture, $"""
            {path}: {events:N0} flow events generated in {generated.TotalSeconds:F1} s (process peak working set {generatedPeak / 1048576:N0} MB);
            FlowRecordUpdater.UpdateAsync wrote {records:N0} records in {built.TotalSeconds:F1} s, allocating {allocated / 1048576:N0} MB (peak working set then {builtPeak / 1048576:N0} MB);
            file size {new FileInfo(path).Length / 1048576:N0} MB.
            """);
        await File.WriteAllTextAsync(notes, text);
        Console.WriteLine(text);
        return path;
    }

    private static void Generate(string path, int events)
    {
        // A large page cache keeps the (SubjectType, SubjectKey) index, written in random key order,
        // in memory while it grows; the other indexes are written in time order.
        using var connection = BenchmarkDatabase.OpenForLoading(path, "PRAGMA cache_size = -524288;");

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "StockAndFlow_FlowEvents" ("Flow", "SubjectType", "SubjectKey", "Source", "Sink", "OccurredAt")
            VALUES ($flow, $subjectType, $subjectKey, $source, $sink, $occurredAt)
            """;
        var flow = insert.Parameters.Add("$flow", SqliteType.Text);
        insert.Parameters.AddWithValue("$subjectType", nameof(Member));
        var subjectKey = insert.Parameters.Add("$subjectKey", SqliteType.Text);
        var source = insert.Parameters.Add("$source", SqliteType.Text);
        var sink = insert.Parameters.Add("$sink", SqliteType.Text);
        var occurredAt = insert.Parameters.Add("$occurredAt", SqliteType.Text);
        insert.Prepare();

        var random = new Random(20_250_630);
        var ticks = new List<long>();
        foreach (var (hour, count) in EventsPerHour(events, random))
        {
            // Written in time order, as capture writes them; ticks precision, as TimeProvider stamps them.
            ticks.Clear();
            for (var i = 0; i < count; i++)
            {
                ticks.Add(random.NextInt64(TimeSpan.TicksPerHour));
            }

            ticks.Sort();
            foreach (var tick in ticks)
            {
                var step = PickStep(random.NextDouble());
                flow.Value = step.Flow;
                subjectKey.Value = random.Next(1, Members + 1).ToString(CultureInfo.InvariantCulture);
                source.Value = step.Source;
                sink.Value = step.Sink;
                occurredAt.Value = hour.AddTicks(tick);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    // Events per UTC hour from Start to Now, summing exactly to the total: more in winter than in
    // summer, fewer at weekends and at night, and ±20 % noise per hour.
    private static IEnumerable<(DateTime Hour, int Count)> EventsPerHour(int events, Random random)
    {
        var hours = new List<(DateTime Hour, double Weight)>();
        for (var hour = Start; hour < Now; hour = hour.AddHours(1))
        {
            var season = 1 + 0.3 * Math.Cos(2 * Math.PI * (hour.DayOfYear - 15) / 365.0);
            var week = hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
            var day = hour.Hour is >= 8 and < 18 ? 1.5 : 0.4;
            hours.Add((hour, season * week * day * (0.8 + 0.4 * random.NextDouble())));
        }

        // Summed in the same order as below, so the last hour's cumulative share is exactly 1.
        var total = 0.0;
        foreach (var (_, weight) in hours)
        {
            total += weight;
        }

        var cumulative = 0.0;
        var written = 0L;
        foreach (var (hour, weight) in hours)
        {
            cumulative += weight;
            var upTo = (long)Math.Round(events * (cumulative / total));
            yield return (hour, (int)(upTo - written));
            written = upTo;
        }
    }

    private static (string Flow, string Source, string Sink, double Share) PickStep(double draw)
    {
        foreach (var step in MemberFlows.Cycle)
        {
            if (draw < step.Share)
            {
                return step;
            }

            draw -= step.Share;
        }

        return MemberFlows.Cycle[^1];
    }
}
