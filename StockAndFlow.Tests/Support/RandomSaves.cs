using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// Random saves of users for the balance tests: tracked, disconnected (<c>Update</c>, attached as
/// Modified) and stub saves, additions and removals; each attribute changes about half the time, so
/// saves mix moves, facet-only changes and no-ops. With <c>teams</c> above zero users also change team.
/// </summary>
public sealed class RandomSaves(Random random, int teams = 0)
{
    private static readonly string?[] Regions = ["eu", "us", "apac", null];

    public static readonly string[] Plans = ["free", "team", "enterprise"];

    public async Task<int> AddAsync(Engine engine)
    {
        await using var db = engine.NewContext();
        var user = Randomize(new User());
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    // One save of one to three changes, each of another row, in a fresh context.
    public async Task SaveSomethingAsync(Engine engine, List<int> live)
    {
        await using var db = engine.NewContext();
        var touched = new HashSet<int>();
        var added = new List<User>();
        for (var change = random.Next(1, 4); change > 0; change--)
        {
            var kind = random.Next(live.Count < 5 ? 1 : 7);
            var id = live.Count == 0 ? 0 : live[random.Next(live.Count)];
            if (kind > 0 && !touched.Add(id))
            {
                continue;
            }

            switch (kind)
            {
                case 0:
                    var user = Randomize(new User());
                    db.Users.Add(user);
                    added.Add(user);
                    break;
                case 1 or 2:
                    Randomize(await db.Users.SingleAsync(u => u.Id == id));
                    break;
                case 3:
                    db.Update(Randomize(new User { Id = id }));
                    break;
                case 4:
                    db.Attach(Randomize(new User { Id = id })).State = EntityState.Modified;
                    break;
                case 5:
                    db.Remove(new User { Id = id });
                    live.Remove(id);
                    break;
                default:
                    db.Users.Remove(await db.Users.SingleAsync(u => u.Id == id));
                    live.Remove(id);
                    break;
            }
        }

        await db.SaveChangesAsync();
        live.AddRange(added.Select(u => u.Id));
    }

    private User Randomize(User user)
    {
        if (user.Id == 0 || random.Next(2) == 0)
        {
            user.IsActive = random.Next(2) == 0;
        }

        if (user.Id == 0 || random.Next(2) == 0)
        {
            user.IsStaff = random.Next(3) == 0;
        }

        if (user.Id == 0 || random.Next(2) == 0)
        {
            user.Region = Regions[random.Next(Regions.Length)];
        }

        if (user.Id == 0 || random.Next(2) == 0 || user.Name.Length == 0)
        {
            user.Name = Plans[random.Next(Plans.Length)];
        }

        if (teams > 0 && (user.Id == 0 || random.Next(2) == 0))
        {
            user.TeamId = random.Next(3) == 0 ? null : random.Next(1, teams + 1);
        }

        return user;
    }
}
