using System.Collections.Concurrent;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// Keeps computed admin summaries for a few seconds, as long as no flow event was written since: a
/// dashboard watched by many operators (or refreshed in a loop) then counts once per interval instead of
/// once per request, and anything that moves a row — a save, a bulk action, a decay run, on any server —
/// writes an event, which makes the next request count afresh. Changes that write no event (a row
/// entering a stock no flow watches) show within <c>maxAge</c>.
/// </summary>
internal sealed class SummaryCache<TValue>(TimeProvider time, TimeSpan maxAge)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<TValue> GetAsync(string key, Func<Task<long>> mark, Func<Task<TValue>> compute)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            return await compute();
        }

        var now = time.GetUtcNow();
        var current = await mark();
        if (_entries.TryGetValue(key, out var entry) && entry.Mark == current && now - entry.At < maxAge)
        {
            return entry.Value;
        }

        var value = await compute();
        _entries[key] = new Entry(now, current, value);
        return value;
    }

    private sealed record Entry(DateTimeOffset At, long Mark, TValue Value);
}
