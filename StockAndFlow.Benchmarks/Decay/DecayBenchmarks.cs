using StockAndFlow.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;
using StockAndFlow.Decay;
using StockAndFlow.Definitions;

namespace StockAndFlow.Benchmarks.Decay;

/// <summary>
/// P3: one run of a decay rule that moves 100 000 of 150 000 active members to paused, each with its
/// flow event. Ours is <see cref="DecayRunner"/> (the set-based transition: select keys, UPDATE in
/// chunks, event INSERTs, one transaction). The baselines load the members the rule selects, then
/// change and save each one on its own (one <c>SaveChanges</c> per member, through the same capture
/// interceptor, so they write the same events): see the two subclasses.
/// </summary>
/// <remarks>
/// Members 1…150 000 were created one minute apart; the clock stands so that exactly the first 100 000
/// are older than the rule's 30 days. Each iteration starts from a copy of the template database.
/// </remarks>
public abstract class DecayBenchmarksBase
{
    public const int Moved = 100_000;
    public const int Members = 150_000;

    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly WorkingCopy _work = new("decay");
    private readonly FixedClock _clock = new(Start.AddMinutes(Moved + 0.5) + MemberStocks.IdleAfter);
    private string _templatePath = null!;
    private ServiceProvider _services = null!;
    private DecayRule _rule = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _templatePath = BenchmarkDatabase.EnsureMembers("decay", Members, id => (MemberStatus.Active, Start.AddMinutes(id)));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddStockAndFlow<BenchmarkDbContext>().AddDefinition(new MemberStocks());
        _services = services.BuildServiceProvider();
        _rule = _services.GetRequiredService<StockAndFlowModel>().FindDecayRule(MemberStocks.IdleActiveRule)!;

        // Both ways must move the same members with the same events before either is timed.
        var ours = await RunOnceAsync(Ours);
        var baseline = await RunOnceAsync(BaselineAsync);
        if (ours.Count != Moved || !ours.SequenceEqual(baseline))
        {
            throw new InvalidOperationException(
                $"The decay rule wrote {ours.Count} events, load-change-save {baseline.Count}; expected {Moved} identical events.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _work.Dispose();
        _services.Dispose();
    }

    [IterationSetup]
    public void Prepare() => _work.Open(_templatePath, o => o.AddStockAndFlowCapture(_services));

    [IterationCleanup]
    public void Release() => _work.Release();

    [Benchmark]
    public async Task<int> Ours() =>
        (await _services.GetRequiredService<DecayRunner>().RunAsync(_work.Db!, _rule)).Moved;

    /// <summary>The subclass's baseline, for the equality check before timing.</summary>
    protected abstract Task<int> BaselineAsync();

    /// <summary>
    /// Loads the selected members in one query, then per member: attach, change, SaveChanges, clear —
    /// tracked one at a time, as a per-object save would be (a tracker holding all 100 000 would rescan
    /// them on every save). <paramref name="oneTransaction"/> wraps all saves in one transaction;
    /// otherwise each save commits on its own, as django-stockandflow's per-object saves did.
    /// </summary>
    protected async Task<int> LoadChangeAndSaveEachAsync(bool oneTransaction)
    {
        var db = _work.Db!;
        var cutoff = _clock.GetUtcNow().UtcDateTime - MemberStocks.IdleAfter;
        await using var transaction = oneTransaction ? await db.Database.BeginTransactionAsync() : null;
        var members = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.CreatedAt < cutoff).ToListAsync();
        foreach (var member in members)
        {
            db.Attach(member);
            member.Status = MemberStatus.Paused;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return members.Count;
    }

    private async Task<List<string>> RunOnceAsync(Func<Task<int>> move)
    {
        Prepare();
        var moved = await move();
        var (paused, events) = await _work.ReadAsync(async db => (
            await db.Members.CountAsync(m => m.Status == MemberStatus.Paused),
            await db.Set<FlowEvent>()
                .OrderBy(e => e.SubjectKey)
                .Select(e => e.Flow + "|" + e.SubjectType + "|" + e.SubjectKey + "|" + e.Source + "|" + e.Sink + "|" + e.OccurredAt)
                .ToListAsync()));
        return moved == Moved && paused == Moved
            ? events
            : throw new InvalidOperationException($"Moved {moved} members and {paused} are paused; expected {Moved}.");
    }

    /// <summary>A clock that stands still, so "older than 30 days" selects the same members every run.</summary>
    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }
}

/// <summary>P3 against the per-member saves all inside one transaction: the kindest form of the baseline.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class DecayBenchmarks : DecayBenchmarksBase
{
    [Benchmark(Baseline = true)]
    public Task<int> LoadChangeAndSaveEachInOneTransaction() => LoadChangeAndSaveEachAsync(oneTransaction: true);

    protected override Task<int> BaselineAsync() => LoadChangeAndSaveEachInOneTransaction();
}

/// <summary>
/// P3 against django-stockandflow's way as it ran: each per-member save commits on its own. About 2 ms a commit on
/// this machine's disk, so one iteration takes minutes: measured once, without warm-up.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class DecaySeedWayBenchmarks : DecayBenchmarksBase
{
    [Benchmark(Baseline = true)]
    public Task<int> LoadChangeAndSaveEachCommitting() => LoadChangeAndSaveEachAsync(oneTransaction: false);

    protected override Task<int> BaselineAsync() => LoadChangeAndSaveEachCommitting();
}
