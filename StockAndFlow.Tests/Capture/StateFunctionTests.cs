using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

public sealed class StateFunctionTests
{
    [Theory, AllProviders]
    public async Task StateFunction_DecidesMembershipOfStocksThatReadRelatedRows(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var premium = sf.Stock<User>("premium-users", u => u.Team!.IsPremium);
            var regular = sf.Stock<User>("regular-users", u => u.Team == null || !u.Team.IsPremium);
            sf.Flow<User>("upgrading").From(regular).To(premium);

            // Membership follows the team the row points at: a premium team id is known to the app.
            sf.StateFunction<User>(
                (original, current) => (
                    original is null ? [] : [IsPremiumTeam(original.TeamId) ? premium : regular],
                    current is null ? [] : [IsPremiumTeam(current.TeamId) ? premium : regular]),
                premium,
                regular);
        });
        await engine.ValidateAsync();
        await using var db = engine.NewContext();
        db.Teams.AddRange(new Team { Id = 1, Name = "free" }, new Team { Id = 2, Name = "gold", IsPremium = true });
        var user = new User { TeamId = 1 };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        user.TeamId = 2;
        await db.SaveChangesAsync();

        var upgrading = Assert.Single(await engine.EventsAsync());
        Assert.Equal(("upgrading", "regular-users", "premium-users"), (upgrading.Flow, upgrading.Source, upgrading.Sink));
        var counts = await engine.Counter.CountAllAsync(db);
        Assert.Equal([1L, 0L], counts.Select(c => c.Total));
    }

    private static bool IsPremiumTeam(int? teamId) => teamId == 2;
}
