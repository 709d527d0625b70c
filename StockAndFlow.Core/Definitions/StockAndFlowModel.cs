
namespace StockAndFlow.Definitions;

/// <summary>The validated, immutable set of stocks, flows and processes of an application.</summary>
public sealed class StockAndFlowModel
{
    private readonly Dictionary<string, Stock> _stocksBySlug;
    private readonly Dictionary<string, Flow> _flowsBySlug;
    private readonly Dictionary<string, Process> _processesBySlug;
    private readonly Dictionary<string, DecayRule> _decayBySlug;
    private readonly Dictionary<Stock, StockGroup> _groupsByStock;

    internal StockAndFlowModel(
        IReadOnlyList<Stock> stocks,
        IReadOnlyList<Flow> flows,
        IReadOnlyList<Process> processes,
        IReadOnlyList<StateFunctionRegistration> stateFunctions,
        IReadOnlyList<DecayRule> decayRules,
        IReadOnlyList<StockAction> actions)
    {
        Actions = [.. actions];
        DecayRules = [.. decayRules];
        _decayBySlug = DecayRules.ToDictionary(r => r.Slug, StringComparer.Ordinal);
        Stocks = [.. stocks];
        Flows = [.. flows];
        Processes = [.. processes];
        StateFunctions = [.. stateFunctions];
        _stocksBySlug = Stocks.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        _flowsBySlug = Flows.ToDictionary(f => f.Slug, StringComparer.Ordinal);
        _processesBySlug = Processes.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        StockGroups = StockAndFlow.Definitions.StockGroups.Build(Stocks, Flows, StateFunctions);
        _groupsByStock = StockGroups.SelectMany(g => g.Stocks.Select(s => (s, g))).ToDictionary(x => x.s, x => x.g);
    }

    /// <summary>
    /// Stocks connected by flows, each with its flows and the moves no flow records; every stock a
    /// flow uses is in exactly one. Capture evaluates External per group.
    /// </summary>
    public IReadOnlyList<StockGroup> StockGroups { get; }

    /// <summary>The group of a stock that flows use; null for a stock no flow uses.</summary>
    public StockGroup? GroupOf(Stock stock) => _groupsByStock.GetValueOrDefault(stock);

    /// <summary>Every stock in declaration order.</summary>
    public IReadOnlyList<Stock> Stocks { get; }

    /// <summary>Every flow in declaration order.</summary>
    public IReadOnlyList<Flow> Flows { get; }

    /// <summary>Every process in declaration order.</summary>
    public IReadOnlyList<Process> Processes { get; }

    /// <summary>Every decay rule in declaration order.</summary>
    public IReadOnlyList<DecayRule> DecayRules { get; }

    /// <summary>Statistics domains with their metrics.</summary>
    public IReadOnlyList<Definitions.DomainDefinition> Domains { get; internal init; } = [];

    /// <summary>Statistics trackers.</summary>
    public IReadOnlyList<Definitions.TrackerDefinition> Trackers { get; internal init; } = [];

    /// <summary>Insights in declaration order.</summary>
    public IReadOnlyList<Definitions.InsightDefinition> Insights { get; internal init; } = [];

    /// <summary>Alerts in declaration order.</summary>
    public IReadOnlyList<AlertDefinition> Alerts { get; internal init; } = [];
    /// <summary>How rows of each declared entity type are shown (display name, words, member columns).</summary>
    public IReadOnlyList<EntityDeclaration> Entities { get; internal init; } = [];

    /// <summary>How rows of <paramref name="entityType"/> are shown: its declaration, or the defaults.</summary>
    public EntityDeclaration EntityOf(Type entityType) =>
        Entities.FirstOrDefault(e => e.EntityType == entityType) ?? EntityDeclaration.Default(entityType);

    /// <summary>Every action in declaration order.</summary>
    public IReadOnlyList<StockAction> Actions { get; }

    /// <summary>The actions offered on a stock.</summary>
    public IEnumerable<StockAction> ActionsOn(Stock stock) => Actions.Where(a => a.Stocks.Contains(stock));

    /// <summary>Finds an action by slug.</summary>
    public StockAction? FindAction(string slug) => Actions.FirstOrDefault(a => a.Slug == slug);

    /// <summary>Finds a decay rule by slug.</summary>
    public DecayRule? FindDecayRule(string slug) => _decayBySlug.GetValueOrDefault(slug);

    /// <summary>Registered state functions.</summary>
    public IReadOnlyList<StateFunctionRegistration> StateFunctions { get; }

    /// <summary>Entity types that have stocks, in order of first declaration.</summary>
    public IEnumerable<Type> EntityTypes => Stocks.Select(s => s.EntityType).Distinct();

    /// <summary>Stocks that some flow uses, whose membership capture evaluates.</summary>
    public IEnumerable<Stock> CapturedStocks => Flows.SelectMany(f => f.Sources.Concat(f.Sinks)).Where(s => !s.IsExternal).Distinct();

    /// <summary>Finds a stock by slug.</summary>
    public Stock? FindStock(string slug) => _stocksBySlug.GetValueOrDefault(slug);

    /// <summary>Finds a flow by slug.</summary>
    public Flow? FindFlow(string slug) => _flowsBySlug.GetValueOrDefault(slug);

    /// <summary>Finds a process by slug.</summary>
    public Process? FindProcess(string slug) => _processesBySlug.GetValueOrDefault(slug);

    /// <summary>Builds a model from definition instances.</summary>
    public static StockAndFlowModel From(IEnumerable<IStockAndFlowDefinition> definitions)
    {
        var builder = new StockAndFlowBuilder();
        foreach (var definition in definitions)
        {
            builder.Apply(definition);
        }

        return builder.Build();
    }


}
