using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using StockAndFlow.Records;

namespace StockAndFlow.Data;

/// <summary>
/// Inserts flow events with parameterised multi-row INSERTs built from the EF model (table and column
/// names, the provider's identifier quoting), bypassing the change tracker. Used where events must be
/// written after the tracker has accepted a save (store-generated subject keys) and by set-based moves.
/// </summary>
internal static class FlowEventWriter
{
    // SQL Server allows 2 100 parameters per command; 6 columns x 300 rows stays below it.
    private const int RowsPerStatement = 300;

    public static async Task InsertAsync(DbContext context, IReadOnlyList<FlowEvent> events, bool async, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var entityType = context.Model.FindEntityType(typeof(FlowEvent))
            ?? throw StockAndFlowModelBuilderExtensions.NotMapped(context);
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entityType.FindProperty(property)!.GetColumnName(table)!);
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({Column(nameof(FlowEvent.Flow))}, {Column(nameof(FlowEvent.SubjectType))}, {Column(nameof(FlowEvent.SubjectKey))}, " +
            $"{Column(nameof(FlowEvent.Source))}, {Column(nameof(FlowEvent.Sink))}, {Column(nameof(FlowEvent.OccurredAt))}) VALUES ";

        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            var text = new StringBuilder(head);
            var parameters = new List<object>(chunk.Length * 6);
            string Parameter(object value)
            {
                parameters.Add(value);
                return "{" + (parameters.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
            }

            // NULL is written as a literal: an untyped null parameter has no store type mapping.
            string Nullable(string? value) => value is null ? "NULL" : Parameter(value);

            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                text.Append(i == 0 ? "(" : ", (")
                    .Append(Parameter(e.Flow)).Append(", ")
                    .Append(Parameter(e.SubjectType)).Append(", ")
                    .Append(Parameter(e.SubjectKey)).Append(", ")
                    .Append(Nullable(e.Source)).Append(", ")
                    .Append(Nullable(e.Sink)).Append(", ")
                    .Append(Parameter(DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc))).Append(')');
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
}
