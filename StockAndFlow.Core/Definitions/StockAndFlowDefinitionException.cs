namespace StockAndFlow.Definitions;

/// <summary>A stock, facet, flow or process declaration is invalid. The message names it and the fix.</summary>
public sealed class StockAndFlowDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StockAndFlowDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StockAndFlowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StockAndFlowDefinitionException()
    {
    }
}
