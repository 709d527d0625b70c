namespace StockAndFlow.Definitions;

/// <summary>
/// A class that declares stocks, facets, flows and processes, the way an
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> declares a mapping. Found in the assemblies the host names
/// with <c>AddDefinitionsFrom</c>; needs a public parameterless constructor.
/// </summary>
public interface IStockAndFlowDefinition
{
    /// <summary>Declares this definition's stocks and flows on <paramref name="sf"/>.</summary>
    void Define(StockAndFlowBuilder sf);
}
