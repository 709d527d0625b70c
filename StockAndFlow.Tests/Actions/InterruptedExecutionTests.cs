using StockAndFlow.Reading;
using StockAndFlow.Storage;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StockAndFlow.Actions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Actions;

/// <summary>Executions left by a process that died, or by a worker that was cancelled, say so.</summary>
public sealed class InterruptedExecutionTests
{
    [Theory, AllProviders]
    public async Task StartUp_MarksExecutionsOfADeadProcessInterrupted_AndLeavesLiveOnesAlone(string provider)
    {
        await using var engine = await Engine.StartAsync(provider, sf => sf.Stock<Ticket>("open-tickets", t => t.Open));
        var machine = Environment.MachineName;
        var me = Process.GetCurrentProcess();
        var myStart = new DateTimeOffset(me.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

        // Same process id, another start time: what a restarted container (process 1 again) leaves.
        var dead = $"{machine}/{Environment.ProcessId}/{myStart - 3600}";
        var alive = $"{machine}/{Environment.ProcessId}/{myStart}";
        var otherMachine = $"{machine}-elsewhere/{Environment.ProcessId}/{myStart - 3600}";
        await using (var db = engine.NewContext())
        {
            db.AddRange(
                Execution(ActionExecutionStatus.Running, dead, processed: 500),
                Execution(ActionExecutionStatus.Queued, dead, processed: 0),
                Execution(ActionExecutionStatus.Running, alive, processed: 0),
                Execution(ActionExecutionStatus.Running, otherMachine, processed: 0),
                Execution(ActionExecutionStatus.Succeeded, dead, processed: 3));
            await db.SaveChangesAsync();
        }

        var sweeper = engine.Services.GetServices<IHostedService>().OfType<InterruptedExecutionsSweeper>().Single();
        await sweeper.StartAsync(default);
        await sweeper.StopAsync(default);

        await using var check = engine.NewContext();
        var rows = await check.Set<ActionExecution>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [ActionExecutionStatus.Interrupted, ActionExecutionStatus.Interrupted, ActionExecutionStatus.Running, ActionExecutionStatus.Running, ActionExecutionStatus.Succeeded],
            rows.Select(r => r.Status));
        Assert.Contains("500 rows were committed", rows[0].Error, StringComparison.Ordinal);
        Assert.Equal(500, rows[0].Affected);
        Assert.Contains("before its job started", rows[1].Error, StringComparison.Ordinal);
        Assert.All(rows.Take(2), r => Assert.Equal(engine.Time.GetUtcNow().UtcDateTime, r.FinishedAt));
    }

    [Theory, AllProviders]
    public async Task PerRowExecution_CancelledMidway_IsInterrupted_WithTheRowsItCommitted(string provider)
    {
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await using var engine = await Engine.StartAsync(provider, sf =>
        {
            var open = sf.Stock<Ticket>("open-tickets", t => t.Open);
            var closed = sf.Stock<Ticket>("closed-tickets", t => !t.Open);
            sf.Flow<Ticket>("closing").From(open).To(closed);
            sf.Action<Ticket>("close-one-by-one", "Close").On(open).ForEachRow((t, _, _) =>
            {
                // The worker is stopped while the second batch of 500 runs.
                if (++seen == 600)
                {
                    cancel.Cancel();
                }

                t.Open = false;
                return Task.CompletedTask;
            });
        });
        await using (var setup = engine.NewContext())
        {
            setup.Tickets.AddRange(Enumerable.Range(0, 1200).Select(_ => new Ticket { Open = true }));
            await setup.SaveChangesAsync();
        }

        var executions = engine.Services.GetRequiredService<ActionExecutions>();
        await using var db = engine.NewContext();
        var id = await executions.RequestAsync(db, engine.Model.FindAction("close-one-by-one")!, engine.Model.FindStock("open-tickets")!, MemberSelection.None, "ops@example.com");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executions.RunAsync(id, cancel.Token));

        var row = await db.Set<ActionExecution>().AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(ActionExecutionStatus.Interrupted, row.Status);
        Assert.Equal((500, 500), (row.Processed, row.Affected));
        Assert.Contains("500 rows were committed", row.Error, StringComparison.Ordinal);
        Assert.Equal(700, await db.Tickets.CountAsync(t => t.Open));
        Assert.Equal(500, (await engine.EventsAsync()).Count);
    }

    private static ActionExecution Execution(ActionExecutionStatus status, string owner, int processed) => new()
    {
        Action = "close",
        Stock = "open-tickets",
        Filter = "all members",
        FilterJson = "{}",
        User = "ops@example.com",
        Status = status,
        RequestedAt = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc),
        Processed = processed,
        Owner = owner,
    };
}
