using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StockAndFlow.Counting;
using StockAndFlow.Definitions;
using StockAndFlow.Hosting;
using StockAndFlow.Storage;
using StockAndFlow.Web.Data;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Benchmarks.Admin;

/// <summary>
/// The writer and the recount of benchmark P8 (scripts/bench-admin-p8.sh), on the demo's PostgreSQL
/// database with the demo's definitions, as the app registers them (its context with the capture
/// interceptor): <c>p8 recount CONNECTION</c> recounts every stock once; <c>p8 writer CONNECTION
/// RATE SECONDS</c> commits RATE tracked saves a second for SECONDS seconds, each moving one random
/// lead one temperature on (hot → warm → cold along "cooling", cold → hot along "re-engaging"), so
/// capture writes each move's flow event and stock changes. It prints one line:
/// <c>P8WRITER saves=N moves=N errors=N seconds=S rate=R p50_ms=A p95_ms=B max_ms=C</c>.
/// </summary>
public static class P8Writer
{
    private const int MaxInFlight = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, var command, var connectionString, ..])
        {
            await Console.Error.WriteLineAsync("usage: p8 recount CONNECTION | p8 writer CONNECTION RATE SECONDS");
            return 2;
        }

        await using var services = Services(connectionString);
        return command switch
        {
            "recount" => await RecountAsync(services),
            "writer" when args.Length == 5 => await WriteAsync(services, int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture)),
            _ => 2,
        };
    }

    private static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddDbContext<ShopDbContext, PostgreSqlShopDbContext>((sp, o) => o.UseNpgsql(connectionString, n => n.CommandTimeout(600)).AddStockAndFlowCapture(sp));
        services.AddStockAndFlow<ShopDbContext>().AddDefinitionsFrom(typeof(ShopDbContext).Assembly);
        return services.BuildServiceProvider();
    }

    private static async Task<int> RecountAsync(ServiceProvider services)
    {
        await using var scope = services.CreateStockAndFlowScope();
        var model = services.GetRequiredService<StockAndFlowModel>();
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<StockRecounter>().RecountAsync(scope.Db, model.Stocks, DateTime.UtcNow);
        Console.WriteLine($"P8RECOUNT stocks={model.Stocks.Count} seconds={watch.Elapsed.TotalSeconds:0.0}");
        return 0;
    }

    private static async Task<int> WriteAsync(ServiceProvider services, int rate, int seconds)
    {
        int maxId;
        await using (var scope = services.CreateStockAndFlowScope())
        {
            maxId = await ((ShopDbContext)scope.Db).Leads.MaxAsync(l => l.Id);
        }

        // Each save starts at its due time whether or not the previous ones have finished (up to
        // MaxInFlight at once), so a slow save does not lower the rate.
        var random = new Random(8);
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        int moves = 0, errors = 0;
        using var slots = new SemaphoreSlim(MaxInFlight);
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var save = 0; interval * save < TimeSpan.FromSeconds(seconds); save++)
        {
            var due = interval * save;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await slots.WaitAsync();
            var id = random.Next(1, maxId + 1);
            running.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                try
                {
                    if (await MoveAsync(services, id))
                    {
                        Interlocked.Increment(ref moves);
                    }
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
                {
                    Interlocked.Increment(ref errors);
                    await Console.Error.WriteLineAsync(ex.Message);
                }
                finally
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(running);
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        double At(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P8WRITER saves={sorted.Count} moves={moves} errors={errors} seconds={elapsed:0.0} rate={moves / elapsed:0.0} p50_ms={At(0.5):0.0} p95_ms={At(0.95):0.0} max_ms={At(1):0.0}"));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>One tracked save moving lead <paramref name="id"/> one temperature on; false when there is no such lead.</summary>
    private static async Task<bool> MoveAsync(ServiceProvider services, int id)
    {
        await using var scope = services.CreateStockAndFlowScope();
        var db = (ShopDbContext)scope.Db;
        if (await db.Leads.FirstOrDefaultAsync(l => l.Id == id) is not { } lead)
        {
            return false;
        }

        lead.Temperature = lead.Temperature switch { Temperature.Hot => Temperature.Warm, Temperature.Warm => Temperature.Cold, _ => Temperature.Hot };
        lead.LastContactedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
        return true;
    }
}
