using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>The definition classes and instances the host named, in order; builds the model once.</summary>
internal sealed class DefinitionRegistry
{
    private readonly List<object> _items = [];

    public void Add(Type definitionType)
    {
        if (definitionType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new StockAndFlowDefinitionException(
                $"Definition {definitionType.Name} needs a public parameterless constructor.");
        }

        if (!_items.Contains(definitionType))
        {
            _items.Add(definitionType);
        }
    }

    public void Add(IStockAndFlowDefinition definition) => _items.Add(definition);

    public StockAndFlowModel Build() => StockAndFlowModel.From(_items.Select(item => item is Type type
        ? (IStockAndFlowDefinition)Activator.CreateInstance(type)!
        : (IStockAndFlowDefinition)item));
}
