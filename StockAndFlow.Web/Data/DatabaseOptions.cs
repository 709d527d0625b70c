namespace StockAndFlow.Web.Data;

/// <summary>The <c>StockAndFlow:Database</c> section: which store, and whether to migrate at start-up.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "StockAndFlow:Database";

    /// <summary><c>Sqlite</c> (default), <c>SqlServer</c> or <c>PostgreSql</c>, case-insensitive.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply migrations at start-up. Default: on in Development and for the embedded SQLite store.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seed demo rows into an empty database. Default true.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// The parsed <see cref="Provider"/>. Only the names are accepted (not the enum's numbers), so a
    /// typo stops start-up instead of silently choosing a store.
    /// </summary>
    public DatabaseProvider ParsedProvider
    {
        get
        {
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                if (string.Equals(provider.ToString(), Provider?.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return provider;
                }
            }

            throw new InvalidOperationException(
                $"{Section}:Provider is '{Provider}', which is not a supported database provider. " +
                $"Set {Section}:Provider (environment variable StockAndFlow__Database__Provider) to one of: " +
                $"{string.Join(", ", Enum.GetNames<DatabaseProvider>())} (case-insensitive; Sqlite is the default).");
        }
    }

    /// <summary>Whether start-up applies migrations: explicit setting, else Development or the embedded SQLite store.</summary>
    public bool ShouldMigrateOnStartup(IHostEnvironment environment) =>
        MigrateOnStartup ?? (environment.IsDevelopment() || ParsedProvider == DatabaseProvider.Sqlite);
}
