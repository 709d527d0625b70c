using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StockAndFlow.Tests.Support;

/// <summary>Counts the SELECT statements a context sends.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    public int Selects { get; private set; }

    public void Reset() => Selects = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Count(DbCommand command)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Selects++;
        }
    }
}
