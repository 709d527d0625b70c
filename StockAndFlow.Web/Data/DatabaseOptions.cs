namespace StockAndFlow.Web.Data;

/// <summary>The <c>StockAndFlow:Database</c> section: which store, and whether to migrate at start-up.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "StockAndFlow:Database";

    /// <summary>Sqlite (default).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply migrations at start-up. Default: on in Development and for the embedded SQLite store.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seed demo rows into an empty database. Default true.</summary>
    public bool SeedDemoData { get; set; } = true;
}
