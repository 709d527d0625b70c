using StockAndFlow.Storage;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Benchmarks.Data;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Capture;

/// <summary>
/// P2: one SaveChanges of 10 000 members whose status moved one step, so every row changes stock and
/// produces one flow event. Ours saves through the capture interceptor; the baseline is the same
/// context without it, with the same 10 000 <see cref="FlowEvent"/>s added by hand.
/// </summary>
/// <remarks>
/// Each iteration starts from a copy of a template database and, in [IterationSetup], either loads the
/// members tracked and changes their status (<c>Tracked</c>), or reads them without tracking, changes
/// their status and passes them to <c>UpdateRange</c> as an edit form would (<c>Disconnected</c>: capture
/// must read the stored rows; the baseline knows the old statuses for free). Only the save (and, for
/// the baseline, building its events) is timed.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class CaptureBenchmarks
{
    public const int Rows = 10_000;

    private readonly WorkingCopy _work = new("capture");
    private string _templatePath = null!;
    private ServiceProvider _services = null!;
    private List<Member> _members = [];
    private MemberStatus[] _before = [];

    [Params("Tracked", "Disconnected")]
    public string Entries { get; set; } = "Tracked";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _templatePath = BenchmarkDatabase.EnsureMembers("capture", Rows);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStockAndFlow<BenchmarkDbContext>().AddDefinition(new MemberStocks());
        _services = services.BuildServiceProvider();

        // Both ways must write the same events before either is timed.
        var ours = await SaveOnceAsync(capture: true);
        var baseline = await SaveOnceAsync(capture: false);
        if (ours.Count != Rows || !ours.SequenceEqual(baseline))
        {
            throw new InvalidOperationException(
                $"Capture wrote {ours.Count} events, the hand-written baseline {baseline.Count}; expected {Rows} identical events.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _work.Dispose();
        _services.Dispose();
    }

    [IterationSetup(Target = nameof(Ours))]
    public void PrepareOurs() => Prepare(capture: true);

    [IterationSetup(Target = nameof(PlainSaveChangesWithHandWrittenEvents))]
    public void PrepareBaseline() => Prepare(capture: false);

    [IterationCleanup]
    public void Release() => _work.Release();

    [Benchmark]
    public Task<int> Ours() => _work.Db!.SaveChangesAsync();

    [Benchmark(Baseline = true)]
    public Task<int> PlainSaveChangesWithHandWrittenEvents()
    {
        AddHandWrittenEvents();
        return _work.Db!.SaveChangesAsync();
    }

    private void Prepare(bool capture)
    {
        var db = _work.Open(_templatePath, o =>
        {
            if (capture)
            {
                o.AddStockAndFlowCapture(_services);
            }
        });
        var disconnected = Entries == "Disconnected";
        _members = [.. (disconnected ? db.Members.AsNoTracking() : db.Members).OrderBy(m => m.Id)];
        _before = [.. _members.Select(m => m.Status)];
        foreach (var member in _members)
        {
            member.Status = MemberStocks.Next(member.Status);
        }

        if (disconnected)
        {
            db.UpdateRange(_members);
        }
    }

    // What a developer writes without capture: one event per moved row, in the same save.
    private void AddHandWrittenEvents()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var events = _work.Db!.Set<FlowEvent>();
        for (var i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            events.Add(new FlowEvent
            {
                Flow = MemberStocks.FlowLeaving[_before[i]],
                SubjectType = nameof(Member),
                SubjectKey = member.Id.ToString(CultureInfo.InvariantCulture),
                Source = MemberStocks.StockOf[_before[i]],
                Sink = MemberStocks.StockOf[member.Status],
                OccurredAt = now,
            });
        }
    }

    private async Task<List<string>> SaveOnceAsync(bool capture)
    {
        Prepare(capture);
        if (capture)
        {
            await Ours();
        }
        else
        {
            await PlainSaveChangesWithHandWrittenEvents();
        }

        var (events, unmoved) = await _work.ReadAsync(async db => (
            await db.Set<FlowEvent>()
                .OrderBy(e => e.SubjectKey).ThenBy(e => e.Flow)
                .Select(e => e.Flow + "|" + e.SubjectType + "|" + e.SubjectKey + "|" + e.Source + "|" + e.Sink)
                .ToListAsync(),
            await db.Members.CountAsync(m => m.Status == MemberStatus.Trial)));
        var expectedTrial = _before.Count(s => s == MemberStatus.Churned);
        return unmoved == expectedTrial ? events : throw new InvalidOperationException($"The save left {unmoved} trial members; expected {expectedTrial}.");
    }
}
