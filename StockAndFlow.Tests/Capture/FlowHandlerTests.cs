using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Capture;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

public sealed class FlowHandlerTests
{
    [Theory, AllProviders]
    public async Task Handler_RunsAfterCommit_WithTheSubjectAndTheStoredEvent(string provider)
    {
        var seen = new Seen();
        await using var engine = await Engine.StartAsync(provider, Define<RecordingHandler>, s => s.AddSingleton(seen));
        await using var db = engine.NewContext();
        var user = new User { Name = "ada", IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        user.IsActive = false;
        await db.SaveChangesAsync();

        var (subject, info, committedEvents) = Assert.Single(seen.Calls);
        Assert.Same(user, subject);
        Assert.Equal("deactivating", info.Flow.Slug);
        Assert.Equal(("active", "inactive"), (info.Source.Slug, info.Sink.Slug));
        Assert.Equal(1, committedEvents); // the handler's own scope already sees the committed event
    }

    [Theory, AllProviders]
    public async Task Handler_WaitsForTheCallersCommit_AndNeverRunsOnRollback(string provider)
    {
        var seen = new Seen();
        await using var engine = await Engine.StartAsync(provider, Define<RecordingHandler>, s => s.AddSingleton(seen));
        await using var db = engine.NewContext();
        var user = new User { IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            user.IsActive = false;
            await db.SaveChangesAsync();
            Assert.Empty(seen.Calls);
            await rolledBack.RollbackAsync();
        }

        Assert.Empty(seen.Calls);
        db.Entry(user).Reload();
        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            user.IsActive = false;
            await db.SaveChangesAsync();
            Assert.Empty(seen.Calls);
            await committed.CommitAsync();
        }

        Assert.Single(seen.Calls);
    }

    [Theory, AllProviders]
    public async Task FailingHandler_IsContained_AndTheSaveStands(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, Define<FailingHandler>);
        await using var db = engine.NewContext();
        var user = new User { IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();

        user.IsActive = false;
        await db.SaveChangesAsync();

        await using var check = engine.NewContext();
        Assert.False(Assert.Single(check.Users).IsActive);
        Assert.Single(await engine.EventsAsync(), e => e.Flow == "deactivating");
    }

    private static void Define<THandler>(StockAndFlowBuilder sf)
        where THandler : class, IFlowEventHandler<User>
    {
        var active = sf.Stock<User>("active", u => u.IsActive);
        var inactive = sf.Stock<User>("inactive", u => !u.IsActive);
        sf.Flow<User>("creating").From(Stock.External).To(active);
        sf.Flow<User>("deactivating").From(active).To(inactive).Handle<THandler>();
    }

    public sealed class Seen
    {
        public List<(User Subject, FlowEventInfo Info, int CommittedEvents)> Calls { get; } = [];
    }

    public sealed class RecordingHandler(Seen seen, TestDbContext db) : IFlowEventHandler<User>
    {
        public Task HandleAsync(User subject, FlowEventInfo info, CancellationToken cancellationToken)
        {
            var committed = db.Set<StockAndFlow.Storage.FlowEvent>().Count(e => e.Flow == info.Flow.Slug);
            seen.Calls.Add((subject, info, committed));
            return Task.CompletedTask;
        }
    }

    public sealed class FailingHandler : IFlowEventHandler<User>
    {
        public Task HandleAsync(User subject, FlowEventInfo info, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("mail server down");
    }
}
