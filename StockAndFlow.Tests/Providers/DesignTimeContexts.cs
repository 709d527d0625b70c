using StockAndFlow.Web.Data;

namespace StockAndFlow.Tests.Providers;

/// <summary>
/// Each provider's <see cref="ShopDbContext"/> made by its design-time factory, exactly as <c>dotnet ef</c>
/// makes it: the provider's options and a placeholder connection string that nothing here connects to.
/// </summary>
internal static class DesignTimeContexts
{
    public static TheoryData<string> Providers => new(Enum.GetNames<DatabaseProvider>());

    public static ShopDbContext Create(string provider) => Enum.Parse<DatabaseProvider>(provider) switch
    {
        DatabaseProvider.Sqlite => new SqliteShopDbContextFactory().CreateDbContext([]),
        DatabaseProvider.SqlServer => new SqlServerShopDbContextFactory().CreateDbContext([]),
        DatabaseProvider.PostgreSql => new PostgreSqlShopDbContextFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
