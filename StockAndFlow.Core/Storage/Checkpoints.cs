using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Storage;

/// <summary>Writes to <see cref="Checkpoint"/> rows that two servers may race on.</summary>
internal static class Checkpoints
{
    /// <summary>
    /// Adds <paramref name="row"/> unless a checkpoint of its name exists; a concurrent run that created
    /// it first wins (its value is as good, and checkpoints only ever move forward).
    /// </summary>
    public static async Task AddIfMissingAsync(DbContext db, Checkpoint row, CancellationToken cancellationToken)
    {
        if (await db.Set<Checkpoint>().AnyAsync(c => c.Name == row.Name, cancellationToken))
        {
            return;
        }

        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created concurrently.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
