using Microsoft.EntityFrameworkCore;
using StockAndFlow.Definitions;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Movers;

/// <summary>
/// Users going active ⇄ inactive over three weeks of a fake clock, saved through capture, with some of
/// them deleted afterwards; and the independent reading of who moved: the distinct subjects of a
/// flow's events in a range, from the event table, kept when the row still exists and matches.
/// </summary>
internal static class MoversScenario
{
    public const string Deactivating = "deactivating";

    public static void Define(StockAndFlowBuilder sf)
    {
        var active = sf.Stock<User>("active", u => u.IsActive).Named("Active").Facet("region", u => u.Region);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive).Named("Inactive").Facet("region", u => u.Region);
        sf.Flow<User>(Deactivating).Named("Deactivating").From(active).To(inactive);
        sf.Flow<User>("reactivating").Named("Reactivating").From(inactive).To(active);
        sf.Action<User>("reactivate", "Reactivate").On(inactive).Set((s, _) => s.SetProperty(u => u.IsActive, true));
        sf.Action<User>("make-staff", "Make staff").On(active, inactive).Set((s, _) => s.SetProperty(u => u.IsStaff, true));
        sf.Action<User>("deactivate-one-by-one", "Deactivate").On(active).ForEachRow((u, _, _) =>
        {
            u.IsActive = false;
            return Task.CompletedTask;
        });
    }

    /// <summary>Starts the engine and plays the history; returns when the range of the last 7 days starts.</summary>
    public static async Task<Engine> StartAsync(string provider)
    {
        var engine = await Engine.StartAsync(provider, Define);
        var random = new Random(13);
        string?[] regions = ["eu", "us", "apac", null];
        await using (var db = engine.NewContext())
        {
            db.Users.AddRange(Enumerable.Range(1, 80).Select(i => new User { Name = $"User {i:00}", Region = regions[random.Next(regions.Length)] }));
            await db.SaveChangesAsync();
        }

        // Three weeks, a save every few hours: each flips a handful of users, some twice in the range.
        for (var step = 0; step < 21 * 4; step++)
        {
            engine.Time.Advance(TimeSpan.FromHours(6));
            await using var db = engine.NewContext();
            var users = await db.Users.ToListAsync();
            foreach (var user in users.OrderBy(_ => random.Next()).Take(random.Next(1, 5)))
            {
                user.IsActive = !user.IsActive;
            }

            await db.SaveChangesAsync();
        }

        await using (var db = engine.NewContext())
        {
            // Rows deleted since they moved are not movers any more.
            var gone = await db.Users.OrderBy(u => u.Id).Where(u => u.Id % 9 == 0).ToListAsync();
            db.Users.RemoveRange(gone);
            await db.SaveChangesAsync();
        }

        engine.Time.Advance(TimeSpan.FromHours(1));
        return engine;
    }

    /// <summary>The movers of <paramref name="flow"/> in [from, to) whose row exists and passes <paramref name="keep"/>, with their latest event, by id.</summary>
    public static async Task<Dictionary<int, DateTime>> ExpectedAsync(Engine engine, string flow, DateTime from, DateTime to, Func<User, bool> keep)
    {
        var events = (await engine.EventsAsync()).Where(e => e.Flow == flow && e.OccurredAt >= from && e.OccurredAt < to).ToList();
        await using var db = engine.NewContext();
        var users = (await db.Users.AsNoTracking().ToListAsync()).ToDictionary(u => u.Id);
        return events
            .GroupBy(e => int.Parse(e.SubjectKey, System.Globalization.CultureInfo.InvariantCulture))
            .Where(g => users.TryGetValue(g.Key, out var user) && keep(user))
            .ToDictionary(g => g.Key, g => g.Max(e => e.OccurredAt));
    }

    public static DateTime Now(Engine engine) => engine.Time.GetUtcNow().UtcDateTime;

    public static async Task<List<FlowEvent>> EventsSinceAsync(Engine engine, long afterId) =>
        [.. (await engine.EventsAsync()).Where(e => e.Id > afterId)];
}
