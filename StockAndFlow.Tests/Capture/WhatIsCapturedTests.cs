using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using StockAndFlow.Definitions;
using StockAndFlow.Tests.Browser;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Capture;

/// <summary>The README's "What is captured": each write kind it names, as it behaves.</summary>
public sealed class WhatIsCapturedTests
{
    [Theory, AllProviders]
    public async Task CascadeDeletesOfTrackedDependents_AreCaptured_DatabaseCascadesAreNot(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var open = sf.Stock<Chore>("open-chores", c => !c.Done);
            sf.Flow<Chore>("dropping").From(open).To(Stock.External);
        });
        int loaded, unloaded;
        await using (var setup = engine.NewContext())
        {
            var first = new Project { Chores = [new Chore(), new Chore()] };
            var second = new Project { Chores = [new Chore(), new Chore(), new Chore()] };
            setup.Projects.AddRange(first, second);
            await setup.SaveChangesAsync();
            (loaded, unloaded) = (first.Id, second.Id);
        }

        await using var db = engine.NewContext();
        db.Projects.Remove(await db.Projects.Include(p => p.Chores).SingleAsync(p => p.Id == loaded));
        db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == unloaded));
        await db.SaveChangesAsync();

        Assert.Equal(0, await db.Chores.CountAsync());
        Assert.Equal(2, (await engine.EventsAsync()).Count);
    }

    [Theory, AllProviders]
    public async Task ExecuteUpdateAndRawSql_AreNotCaptured(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, CaptureSemanticsTests.UserFlows);
        await using var db = engine.NewContext();
        db.Users.AddRange(new User { IsActive = true }, new User { IsActive = true });
        await db.SaveChangesAsync();

        var ids = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
        await db.Users.Where(u => u.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(db.Model.FindEntityType(typeof(User))!.GetTableName()!);
        var delete = $"DELETE FROM {table} WHERE {sql.DelimitIdentifier("Id")} = {ids[1]}";
        await db.Database.ExecuteSqlRawAsync(delete);

        Assert.Equal(["creating", "creating"], (await engine.EventsAsync()).Select(e => e.Flow));
        Assert.Equal(0, await db.Users.CountAsync(u => u.IsActive));
    }

    [Fact]
    public void TheReadme_SaysWhatIsCapturedAndWhatIsNot()
    {
        var readme = File.ReadAllText(Path.Combine(Screenshots.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("### What is captured", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];

        Assert.All(["disconnected", "stub", "cascade", "ExecuteUpdate", "ExecuteDelete", "raw SQL", "other applications", "inflows minus outflows"], term => Assert.Contains(term, section, StringComparison.Ordinal));
    }
}
