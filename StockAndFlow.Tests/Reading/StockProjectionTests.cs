using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Reading;

/// <summary>Projections checked against a hand computation.</summary>
public sealed class StockProjectionTests
{
    [Theory]
    [AllProviders]
    public async Task AConstantRate_ProjectsAStraightLineWithNoBand_AndAWhatIfScalesItsFlow(string provider)
    {
        // Every day: 3 tickets opened, 1 closed. Open tickets grow by 2 a day, exactly.
        await using var engine = await StartAsync(provider);
        await PlayAsync(engine, [(3, 1), (3, 1), (3, 1), (3, 1), (3, 1), (3, 1), (3, 1)]);
        var (projection, open, now) = await ProjectAsync(engine, ahead: 5);

        Assert.Equal(7, projection.Measured);
        Assert.Equal(2d, projection.MeanNet, 9);
        Assert.Equal(0d, projection.StandardDeviation, 9);
        Assert.Equal(14, projection.Current);
        Assert.Equal([16d, 18d, 20d, 22d, 24d], projection.Points.Select(p => p.Expected));
        Assert.All(projection.Points, p => Assert.Equal((p.Expected, p.Expected), (p.Low, p.High)));
        Assert.Equal(3d, projection.Flows.Single(f => f.Flow == "opening").MeanIn, 9);
        Assert.Equal(1d, projection.Flows.Single(f => f.Flow == "closing").MeanOut, 9);

        // "Closing −50 %": 3 in, 0.5 out a day.
        await using var db = engine.NewContext();
        var whatIf = await engine.Services.GetRequiredService<StockProjection>().ProjectAsync(
            db, engine.Model, open, 14, Period.Day, now.AddDays(-7), now, 2, new Dictionary<string, double> { ["closing"] = 0.5 });
        Assert.Equal(2.5d, whatIf.MeanNet, 9);
        Assert.Equal([16.5d, 19d], whatIf.Points.Select(p => p.Expected));
    }

    [Theory]
    [AllProviders]
    public async Task AVaryingRate_ProjectsItsMean_WithABandOfItsStandardDeviationTimesTheRootOfTheTimeAhead(string provider)
    {
        // Net changes 1, 3, 1, 3: mean 2, sample standard deviation sqrt(4/3).
        await using var engine = await StartAsync(provider);
        await PlayAsync(engine, [(2, 1), (3, 0), (1, 0), (4, 1)]);
        var (projection, _, _) = await ProjectAsync(engine, ahead: 4, days: 4);

        var deviation = Math.Sqrt(4d / 3);
        Assert.Equal(2d, projection.MeanNet, 9);
        Assert.Equal(deviation, projection.StandardDeviation, 9);
        var fourth = projection.Points[3];
        Assert.Equal(projection.Current + 8, fourth.Expected, 9);
        Assert.Equal(projection.Current + 8 + (2 * deviation), fourth.High, 9);
        Assert.Equal(projection.Current + 8 - (2 * deviation), fourth.Low, 9);
        Assert.Contains("mean of the measured inflows minus outflows", projection.Model, StringComparison.Ordinal);
    }

    private static Task<Engine> StartAsync(string provider) => Engine.StartAsync(provider, sf =>
    {
        var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
        var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
        sf.Flow<Ticket>("opening").From(Stock.External).To(open);
        sf.Flow<Ticket>("closing").From(open).To(closed);
    });

    // Day by day from a midnight: opens and closes tickets during the day, then moves to the next midnight.
    private static async Task PlayAsync(Engine engine, (int Open, int Close)[] days)
    {
        var start = engine.Time.GetUtcNow().UtcDateTime.Date.AddDays(1);
        engine.Time.SetUtcNow(new DateTimeOffset(start.AddHours(9), TimeSpan.Zero));
        await using var db = engine.NewContext();
        foreach (var (opened, closing) in days)
        {
            for (var i = 0; i < opened; i++)
            {
                db.Tickets.Add(new Ticket { Open = true, TouchedAt = engine.Time.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
                engine.Time.Advance(TimeSpan.FromMinutes(10));
            }

            foreach (var ticket in db.Tickets.Local.Where(t => t.Open).Take(closing).ToList())
            {
                ticket.Open = false;
                await db.SaveChangesAsync();
                engine.Time.Advance(TimeSpan.FromMinutes(10));
            }

            engine.Time.SetUtcNow(new DateTimeOffset(engine.Time.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero));
        }
    }

    private static async Task<(StockProjectionResult Projection, Stock Open, DateTime Now)> ProjectAsync(Engine engine, int ahead, int days = 7)
    {
        await using var db = engine.NewContext();
        var open = engine.Model.FindStock("open-tickets")!;
        var now = engine.Time.GetUtcNow().UtcDateTime;
        var current = (await engine.Counter.CountAsync(db, [open]))[0].Total;
        var projection = await engine.Services.GetRequiredService<StockProjection>().ProjectAsync(db, engine.Model, open, current, Period.Day, now.AddDays(-days), now, ahead);
        return (projection, open, now);
    }
}
