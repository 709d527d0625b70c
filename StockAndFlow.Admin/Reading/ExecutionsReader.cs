using StockAndFlow.Storage;
using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Admin.Reading;

/// <summary>The audit log of bulk-action executions, for its pages and the executions API.</summary>
public sealed class ExecutionsReader(AdminDatabase database)
{
    private IQueryable<ActionExecution> Executions => database.Primary.Set<ActionExecution>().AsNoTracking();

    /// <summary>A page of executions, newest first (by request time, then id).</summary>
    public async Task<IReadOnlyList<ActionExecution>> PageAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        await Executions.OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);

    /// <summary>How many executions the log holds.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) => Executions.LongCountAsync(cancellationToken);

    /// <summary>One execution, or <see langword="null"/> when there is none with <paramref name="id"/>.</summary>
    public Task<ActionExecution?> FindAsync(long id, CancellationToken cancellationToken) =>
        Executions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
}
