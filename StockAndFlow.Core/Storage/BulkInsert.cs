using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace StockAndFlow.Storage;

/// <summary>
/// Inserts rows with parameterised INSERTs built from the EF model (table and column names, each
/// column's type mapping and value converter, the provider's identifier quoting), bypassing the change
/// tracker: multi-row statements on server databases, one prepared row statement reused on SQLite.
/// Store-generated columns are left to the store; the inserted objects do not learn their keys. Used
/// where many rows are written at once: flow events of a save or a set-based move, and new stock, flow
/// and statistic records.
/// </summary>
internal static class BulkInsert
{
    // SQL Server allows 2 100 parameters per command.
    private const int ParametersPerStatement = 2_000;

    public static async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, bool async, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = context.Model.FindEntityType(typeof(T))
            ?? throw StockAndFlowModelBuilderExtensions.NotMapped(context);
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never && p.PropertyInfo is not null)
            .Select(p => new Column(p.PropertyInfo!, p.GetRelationalTypeMapping(), p.IsNullable, p.GetColumnName(table)!))
            .ToList();
        var sql = context.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";

        if (context.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            await InsertOneByOneAsync(context, head, columns, rows, sql, async, cancellationToken);
            return;
        }

        await using var factory = context.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(Math.Max(1, ParametersPerStatement / columns.Count)))
        {
            var text = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * columns.Count);
            for (var row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var column = columns[c];
                    var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                    parameters.Add(column.Mapping.CreateParameter(factory, sql.GenerateParameterName(name), column.Property.GetValue(chunk[row]), column.Nullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            if (async)
            {
                await context.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
            }
            else
            {
                context.Database.ExecuteSqlRaw(text.ToString(), parameters);
            }
        }
    }

    // SQLite runs in-process: a prepared one-row INSERT executed per row costs a few microseconds, less
    // than building and binding multi-row statements (SQLite looks each parameter name up by a linear
    // scan, so a statement's binding cost grows with the square of its size).
    private static async Task InsertOneByOneAsync<T>(DbContext context, string head, List<Column> columns, IReadOnlyList<T> rows, ISqlGenerationHelper sql, bool async, CancellationToken cancellationToken)
        where T : class
    {
        var database = context.Database;
        var connection = database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await OpenAsync(database, async, cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            var parameters = columns
                .Select((c, i) => c.Mapping.CreateParameter(command, sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture)), null, c.Nullable))
                .ToArray();
            command.Parameters.AddRange(parameters);
            command.CommandText = head + "(" + string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i.ToString(CultureInfo.InvariantCulture)))) + ")";
            command.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    parameters[c].Value = columns[c].ToProvider(row) ?? DBNull.Value;
                }

                // The SQLite provider has no asynchronous I/O: its async methods run synchronously anyway.
                cancellationToken.ThrowIfCancellationRequested();
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            if (opened)
            {
                await CloseAsync(database, async);
            }
        }
    }

    private static async Task OpenAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }
        else
        {
            database.OpenConnection();
        }
    }

    private static async Task CloseAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, bool async)
    {
        if (async)
        {
            await database.CloseConnectionAsync();
        }
        else
        {
            database.CloseConnection();
        }
    }

    private sealed record Column(System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping, bool Nullable, string Name)
    {
        /// <summary>The row's value as the store takes it: through the column's converter, enums as numbers.</summary>
        public object? ToProvider(object row)
        {
            var value = Property.GetValue(row);
            if (value is not null && Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            return value is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture) : value;
        }
    }
}
