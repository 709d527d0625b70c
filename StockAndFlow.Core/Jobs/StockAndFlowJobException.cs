namespace StockAndFlow.Jobs;

/// <summary>A job finished its other work but failed for the named stocks or rules; the scheduler retries it.</summary>
public sealed class StockAndFlowJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StockAndFlowJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StockAndFlowJobException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StockAndFlowJobException()
    {
    }
}
