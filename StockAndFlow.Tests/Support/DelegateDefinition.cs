using StockAndFlow.Definitions;

namespace StockAndFlow.Tests.Support;

/// <summary>A definition written inline in a test.</summary>
public sealed class DelegateDefinition(Action<StockAndFlowBuilder> define) : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf) => define(sf);
}
