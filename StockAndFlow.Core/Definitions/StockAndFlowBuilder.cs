using System.Linq.Expressions;

namespace StockAndFlow.Definitions;

/// <summary>
/// Collects the declarations of every <see cref="IStockAndFlowDefinition"/>; <see cref="Build"/>
/// validates them into an immutable <see cref="StockAndFlowModel"/>.
/// </summary>
public sealed class StockAndFlowBuilder
{
    private readonly List<Stock> _stocks = [];
    private readonly List<Flow> _flows = [];
    private readonly List<Process> _processes = [];
    private readonly List<StateFunctionRegistration> _stateFunctions = [];
    private readonly List<DecayRule> _decayRules = [];
    private readonly List<StockAction> _actions = [];
    private readonly List<Definitions.DomainDefinition> _domains = [];
    private readonly List<Definitions.TrackerDefinition> _trackers = [];
    private readonly List<Definitions.InsightDefinition> _insights = [];
    private readonly List<AlertDefinition> _alerts = [];
    private readonly List<EntityDeclaration> _entities = [];

    /// <summary>The definition class currently defining, named in validation messages.</summary>
    internal string? CurrentDefinition { get; set; }

    /// <summary>Declares a stock: the rows of <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public StockBuilder<T> Stock<T>(string slug, Expression<Func<T, bool>> predicate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var stock = new Stock<T>(slug, predicate, CurrentDefinition);
        _stocks.Add(stock);
        return new StockBuilder<T>(stock);
    }

    /// <summary>
    /// Declares how rows of <typeparamref name="T"/> are shown to operators: display name, words and
    /// member columns. Calling it again for the same type continues the same declaration.
    /// </summary>
    public EntityBuilder<T> Entity<T>()
        where T : class
    {
        var declaration = _entities.FirstOrDefault(e => e.EntityType == typeof(T));
        if (declaration is null)
        {
            declaration = new EntityDeclaration(typeof(T), CurrentDefinition);
            _entities.Add(declaration);
        }

        return new EntityBuilder<T>(declaration);
    }

    /// <summary>Declares a flow of <typeparamref name="T"/> rows between stocks.</summary>
    public FlowBuilder<T> Flow<T>(string slug)
        where T : class
    {
        var flow = new Flow(slug, typeof(T), CurrentDefinition);
        _flows.Add(flow);
        return new FlowBuilder<T>(flow);
    }

    /// <summary>Declares a decay rule: members of one stock move to another once a timestamp is old enough.</summary>
    public DecayBuilder<T> Decay<T>(string slug)
        where T : class
    {
        var rule = new DecayRule<T>(slug, CurrentDefinition);
        _decayRules.Add(rule);
        return new DecayBuilder<T>(rule);
    }

    /// <summary>Declares an alert in stock terms; its condition follows (<c>.WhenBelow(hot, 50)</c>…).</summary>
    public AlertBuilder Alert(string slug, string name)
    {
        var alert = new AlertDefinition(slug, name, CurrentDefinition);
        _alerts.Add(alert);
        return new AlertBuilder(alert);
    }

    /// <summary>Declares an action operators can apply to selected members of stocks.</summary>
    public StockActionBuilder<T> Action<T>(string slug, string name)
        where T : class
    {
        var action = new StockAction<T>(slug, name, CurrentDefinition);
        _actions.Add(action);
        return new StockActionBuilder<T>(action);
    }

    /// <summary>Declares a statistics domain (django-trackstats' Domain.objects.register).</summary>
    public Definitions.DomainDefinition Domain(string reference, string name, string? description = null)
    {
        var domain = new Definitions.DomainDefinition(reference, name, description, CurrentDefinition);
        _domains.Add(domain);
        return domain;
    }

    /// <summary>Declares trackers that write <paramref name="metric"/> from <typeparamref name="T"/> rows.</summary>
    public Definitions.TrackerBuilder<T> Track<T>(Definitions.MetricDefinition metric)
        where T : class => new(metric, _trackers);

    /// <summary>Declares an insight: a question answered by code when insights are collected.</summary>
    public void Insight(Definitions.InsightDefinition insight)
    {
        ArgumentNullException.ThrowIfNull(insight);
        insight.DefinedBy = CurrentDefinition;
        _insights.Add(insight);
    }

    /// <summary>Declares a named group of stocks and flows.</summary>
    public ProcessBuilder Process(string slug, string name)
    {
        var process = new Process(slug, name, CurrentDefinition);
        _processes.Add(process);
        return new ProcessBuilder(process);
    }

    /// <summary>
    /// Registers a state function that decides, during capture, membership of the
    /// <paramref name="covers"/> stocks (whose predicates read related rows).
    /// </summary>
    public void StateFunction<T>(StateFunction<T> function, params Stock<T>[] covers)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(function);
        _stateFunctions.Add(new StateFunctionRegistration(
            typeof(T),
            covers,
            (original, current) => function((T?)original, (T?)current),
            CurrentDefinition));
    }

    /// <summary>Runs a definition against this builder.</summary>
    public StockAndFlowBuilder Apply(IStockAndFlowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var previous = CurrentDefinition;
        CurrentDefinition = definition.GetType().Name;
        try
        {
            definition.Define(this);
        }
        finally
        {
            CurrentDefinition = previous;
        }

        return this;
    }

    /// <summary>Validates the declarations and freezes them.</summary>
    /// <exception cref="StockAndFlowDefinitionException">A declaration is invalid.</exception>
    public StockAndFlowModel Build()
    {
        DefinitionValidator.Validate(_stocks, _flows, _processes, _stateFunctions);
        StockGroups.Validate(StockGroups.Build(_stocks, _flows, _stateFunctions));
        DefinitionValidator.ValidateDecay(_decayRules, _stocks, _flows);
        DefinitionValidator.ValidateActions(_actions, _stocks);
        Definitions.StatisticsValidator.Validate(_domains, _trackers);
        Definitions.InsightValidator.Validate(_insights);
        DefinitionValidator.ValidateAlerts(_alerts, _stocks, _flows);
        DefinitionValidator.ValidateEntities(_entities);
        DefinitionValidator.ValidateFormats(_domains);
        return new StockAndFlowModel(_stocks, _flows, _processes, _stateFunctions, _decayRules, _actions)
        {
            Domains = [.. _domains],
            Trackers = [.. _trackers],
            Insights = [.. _insights],
            Alerts = [.. _alerts],
            Entities = [.. _entities],
        };
    }
}
