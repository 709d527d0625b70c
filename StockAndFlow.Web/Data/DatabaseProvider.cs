namespace StockAndFlow.Web.Data;

/// <summary>The stores the app runs on, chosen by <c>StockAndFlow:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: a file under App_Data, Hangfire in memory.</summary>
    Sqlite,

    /// <summary>SQL Server, with Hangfire.SqlServer in the same database.</summary>
    SqlServer,

    /// <summary>PostgreSQL, with Hangfire.PostgreSql in the same database.</summary>
    PostgreSql,
}
