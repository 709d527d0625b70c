using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StockAndFlow.Hosting;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>
/// The host's DbContexts for one request, resolved through StockAndFlow's context factory: the admin
/// knows no concrete context type. Scoped, so the readers, controllers and API handlers of a request
/// share them. Pages read <see cref="Context"/>: the host's own context, or, when
/// <see cref="StockAndFlowAdminOptions.ReadConnectionString"/> is set, a second context of the same type
/// and options on that connection (a read replica). Writes (bulk actions, pausing decay) and the admin's
/// own audit log go to <see cref="Primary"/>, the host's context, always.
/// </summary>
public sealed class AdminDatabase(IStockAndFlowContextFactory factory, IServiceProvider services, IOptions<StockAndFlowAdminOptions> options) : IAsyncDisposable, IDisposable
{
    private DbContext? _primary;
    private StockAndFlowScope? _readScope;
    private DbContext? _read;

    /// <summary>The context the admin reads through: the read connection's when one is configured, the host's otherwise.</summary>
    public DbContext Context => _read ??= ReadsElsewhere ? OpenReadContext(options.Value.ReadConnectionString!) : Primary;

    /// <summary>The host's own context of the request: every write, and reads that must see the admin's own writes.</summary>
    public DbContext Primary => _primary ??= factory.GetContext(services);

    /// <summary>Whether <see cref="Context"/> is on the read connection rather than the host's.</summary>
    public bool ReadsElsewhere => options.Value.ReadConnectionString is { Length: > 0 };

    /// <summary>
    /// How far the read connection is behind, when it reads a PostgreSQL standby; null when the admin
    /// reads the primary (no read connection, a server not in recovery, or a provider other than PostgreSQL).
    /// </summary>
    public async Task<ReplicaLag?> ReplicaLagAsync(CancellationToken cancellationToken = default)
    {
        if (!ReadsElsewhere || Context.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return null;
        }

        // now() - the last replayed commit's time is the lag while changes arrive; when everything the
        // standby has received is replayed it is only the time since the primary's last commit.
        var rows = await Context.Database.SqlQueryRaw<ReplicaLagRow>("""
            SELECT pg_last_xact_replay_timestamp() AS "ReplayedAt",
                   EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::double precision AS "Seconds",
                   pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() AS "CaughtUp"
            WHERE pg_is_in_recovery()
            """).ToListAsync(cancellationToken);
        return rows is [{ ReplayedAt: { } at } row] ? new ReplicaLag(at.ToUniversalTime(), TimeSpan.FromSeconds(Math.Max(0, row.Seconds ?? 0)), row.CaughtUp) : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_readScope is not null)
        {
            await _readScope.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A scope disposed synchronously (outside a request) still closes the read context's own scope.
        if (_readScope is not null)
        {
            _readScope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private DbContext OpenReadContext(string connectionString)
    {
        // A scope of its own gives a second instance of the host's context, with its registered options;
        // only the connection differs. Nothing read through it is tracked.
        _readScope = services.CreateStockAndFlowScope();
        var db = _readScope.Db;
        db.Database.SetConnectionString(connectionString);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }

    private sealed record ReplicaLagRow(DateTime? ReplayedAt, double? Seconds, bool CaughtUp);
}

/// <summary>
/// A PostgreSQL standby's position: the commit time of the last transaction it replayed, how long ago
/// that was (<c>now() - pg_last_xact_replay_timestamp()</c>), and whether everything it has received
/// is replayed (then <see cref="Behind"/> is only the time since the primary's last commit).
/// </summary>
public sealed record ReplicaLag(DateTime ReplayedAt, TimeSpan Behind, bool CaughtUp);
