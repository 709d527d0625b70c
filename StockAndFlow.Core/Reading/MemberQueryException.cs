namespace StockAndFlow.Reading;

/// <summary>A members request names something that does not exist or cannot be parsed; maps to HTTP 400.</summary>
public sealed class MemberQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemberQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MemberQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MemberQueryException()
    {
    }
}
