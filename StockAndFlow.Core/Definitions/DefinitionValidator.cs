using System.Text.RegularExpressions;

namespace StockAndFlow.Definitions;

/// <summary>Checks declarations that need no database: slugs, references, entity types.</summary>
internal static partial class DefinitionValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static void Validate(
        IReadOnlyList<Stock> stocks,
        IReadOnlyList<Flow> flows,
        IReadOnlyList<Process> processes,
        IReadOnlyList<StateFunctionRegistration> stateFunctions)
    {
        CheckSlugs(stocks.Select(s => (s.Slug, s.DefinedBy)), "stock");
        CheckSlugs(flows.Select(f => (f.Slug, f.DefinedBy)), "flow");
        CheckSlugs(processes.Select(p => (p.Slug, p.DefinedBy)), "process");

        foreach (var stock in stocks)
        {
            CheckSlugs(stock.Facets.Select(f => (f.Slug, stock.DefinedBy)), $"facet of stock '{stock.Slug}'");
        }

        var known = new HashSet<Stock>(stocks);
        foreach (var flow in flows)
        {
            CheckFlow(flow, known);
        }

        var knownFlows = new HashSet<Flow>(flows);
        foreach (var process in processes)
        {
            foreach (var stock in process.Stocks.Where(s => !known.Contains(s)))
            {
                throw new StockAndFlowDefinitionException(
                    $"Process '{process.Slug}' ({By(process.DefinedBy)}) includes {stock}, which is not declared. " +
                    "Include stocks returned by sf.Stock<T>(...) on the same builder.");
            }

            foreach (var flow in process.Flows.Where(f => !knownFlows.Contains(f)))
            {
                throw new StockAndFlowDefinitionException(
                    $"Process '{process.Slug}' ({By(process.DefinedBy)}) includes {flow}, which is not declared.");
            }
        }

        foreach (var registration in stateFunctions)
        {
            if (registration.Covers.Count == 0)
            {
                throw new StockAndFlowDefinitionException(
                    $"A state function for {registration.EntityType.Name} ({By(registration.DefinedBy)}) covers no stock. " +
                    "Pass the stocks whose membership it decides.");
            }

            foreach (var stock in registration.Covers.Where(s => !known.Contains(s)))
            {
                throw new StockAndFlowDefinitionException(
                    $"A state function for {registration.EntityType.Name} ({By(registration.DefinedBy)}) covers {stock}, which is not declared.");
            }
        }
    }

    public static void ValidateDecay(IReadOnlyList<DecayRule> rules, IReadOnlyList<Stock> stocks, IReadOnlyList<Flow> flows)
    {
        CheckSlugs(rules.Select(r => (r.Slug, r.DefinedBy)), "decay rule");
        var known = new HashSet<Stock>(stocks);
        foreach (var rule in rules)
        {
            var where = $"Decay rule '{rule.Slug}' ({By(rule.DefinedBy)})";
            if (rule.From is null || rule.To is null)
            {
                throw new StockAndFlowDefinitionException($"{where} needs .From(stock) and .To(stock).");
            }

            if (!known.Contains(rule.From) || !known.Contains(rule.To))
            {
                throw new StockAndFlowDefinitionException($"{where} uses a stock that is not declared on the same builder.");
            }

            if (rule.Age is null || rule.OlderThan <= TimeSpan.Zero)
            {
                throw new StockAndFlowDefinitionException($"{where} needs .When(row => row.Timestamp, olderThan: a positive TimeSpan).");
            }

            if (!rule.HasSetters)
            {
                throw new StockAndFlowDefinitionException($"{where} needs .Set(s => s.SetProperty(...)) describing the update that moves a row.");
            }

            var flowsOfType = flows.Where(f => f.EntityType == rule.EntityType).ToList();
            if (!Definitions.FlowMatcher.Match(flowsOfType, new HashSet<Stock> { rule.From }, new HashSet<Stock> { rule.To }).Any())
            {
                throw new StockAndFlowDefinitionException(
                    $"{where} moves rows from {rule.From} to {rule.To}, but no flow goes from one to the other, so the moves would leave no event. " +
                    $"Declare sf.Flow<{rule.EntityType.Name}>(...).From({rule.From.Slug}).To({rule.To.Slug}).");
            }
        }
    }

    public static void ValidateActions(IReadOnlyList<StockAction> actions, IReadOnlyList<Stock> stocks)
    {
        CheckSlugs(actions.Select(a => (a.Slug, a.DefinedBy)), "action");
        var known = new HashSet<Stock>(stocks);
        foreach (var action in actions)
        {
            var where = $"Action '{action.Slug}' ({By(action.DefinedBy)})";
            if (action.Stocks.Count == 0 || action.Stocks.Any(s => !known.Contains(s)))
            {
                throw new StockAndFlowDefinitionException($"{where} needs .On(stock, ...) with stocks declared on the same builder.");
            }

            if (action.Implementations != 1)
            {
                throw new StockAndFlowDefinitionException($"{where} needs exactly one of .Set((s, now) => ...) or .ForEachRow(...).");
            }
        }
    }

    public static void ValidateAlerts(IReadOnlyList<AlertDefinition> alerts, IReadOnlyList<Stock> stocks, IReadOnlyList<Flow> flows)
    {
        CheckSlugs(alerts.Select(a => (a.Slug, a.DefinedBy)), "alert");
        foreach (var alert in alerts)
        {
            var watched = (object?)alert.Stock ?? alert.Flow;
            if (watched is null)
            {
                throw new StockAndFlowDefinitionException(
                    $"Alert '{alert.Slug}' ({By(alert.DefinedBy)}) has no condition: follow sf.Alert(...) with .WhenBelow(stock, level), .WhenAbove, .WhenOutflowExceedsInflow, .WhenFlowOffWeekdayAverage or .WhenRunsOutWithin.");
            }

            if ((alert.Stock is { } stock && !stocks.Contains(stock)) || (alert.Flow is { } flow && !flows.Contains(flow)))
            {
                throw new StockAndFlowDefinitionException($"Alert '{alert.Slug}' ({By(alert.DefinedBy)}) watches a stock or flow that was not declared.");
            }

            if (alert.Periods < 1 || alert.Threshold < 0 || double.IsNaN(alert.Threshold))
            {
                throw new StockAndFlowDefinitionException($"Alert '{alert.Slug}' ({By(alert.DefinedBy)}) needs a threshold of 0 or more and at least 1 period.");
            }
        }
    }

    public static void ValidateEntities(IReadOnlyList<EntityDeclaration> entities)
    {
        foreach (var entity in entities)
        {
            var where = $"sf.Entity<{entity.EntityType.Name}>() ({By(entity.DefinedBy)})";
            if (entity.DisplayNameDeclarations > 1)
            {
                throw new StockAndFlowDefinitionException($"{where} declares DisplayName more than once; keep one.");
            }

            if (string.IsNullOrWhiteSpace(entity.Singular) || string.IsNullOrWhiteSpace(entity.Plural))
            {
                throw new StockAndFlowDefinitionException($"{where} has an empty name; pass words such as .Named(\"lead\", \"leads\").");
            }

            var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in entity.Columns)
            {
                if (string.IsNullOrWhiteSpace(column.Label))
                {
                    throw new StockAndFlowDefinitionException($"{where} has a column without a label; the label is the column's heading.");
                }

                if (!labels.Add(column.Label))
                {
                    throw new StockAndFlowDefinitionException($"{where} has two columns labelled '{column.Label}'; labels must differ.");
                }

                if (!column.Format.Accepts(column.Selector.ReturnType))
                {
                    throw new StockAndFlowDefinitionException(
                        $"{where}: column '{column.Label}' is a {column.Selector.ReturnType.Name} but its format is {column.Format}, " +
                        "which needs a number (number, currency, percent) or a timestamp (date, date-time, age).");
                }
            }
        }
    }

    public static void ValidateFormats(IReadOnlyList<DomainDefinition> domains)
    {
        foreach (var metric in domains.SelectMany(d => d.Metrics))
        {
            if (metric.ValueFormat.Kind is ValueFormatKind.Date or ValueFormatKind.DateTime or ValueFormatKind.Age)
            {
                throw new StockAndFlowDefinitionException(
                    $"The {metric} ({By(metric.Domain.DefinedBy)}) is formatted as {metric.ValueFormat}, but statistics are numbers: use a number, currency or percent format.");
            }

            if (metric.ValueFormat is { Kind: ValueFormatKind.Currency, CurrencyCode: var code } && (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
            {
                throw new StockAndFlowDefinitionException(
                    $"The {metric} ({By(metric.Domain.DefinedBy)}) has currency '{code}'; use a three-letter ISO 4217 code such as \"EUR\".");
            }

            if (metric.ValueFormat.Decimals is < 0 or > 10)
            {
                throw new StockAndFlowDefinitionException($"The {metric} ({By(metric.Domain.DefinedBy)}) shows {metric.ValueFormat.Decimals} decimals; use 0 to 10.");
            }
        }
    }

    internal static string By(string? definedBy) => definedBy is null ? "declared directly" : $"in {definedBy}";

    private static void CheckFlow(Flow flow, HashSet<Stock> known)
    {
        if (flow.Sources.Count == 0)
        {
            throw new StockAndFlowDefinitionException(
                $"Flow '{flow.Slug}' ({By(flow.DefinedBy)}) has no source. Add .From(stock) — Stock.External for new rows.");
        }

        if (flow.Sinks.Count == 0)
        {
            throw new StockAndFlowDefinitionException(
                $"Flow '{flow.Slug}' ({By(flow.DefinedBy)}) has no sink. Add .To(stock) — Stock.External for deleted rows.");
        }

        if (flow.Sources.All(s => s.IsExternal) && flow.Sinks.All(s => s.IsExternal))
        {
            throw new StockAndFlowDefinitionException(
                $"Flow '{flow.Slug}' ({By(flow.DefinedBy)}) goes from External to External; name at least one stock.");
        }

        foreach (var stock in flow.Sources.Concat(flow.Sinks).Where(s => !s.IsExternal))
        {
            if (!known.Contains(stock))
            {
                throw new StockAndFlowDefinitionException(
                    $"Flow '{flow.Slug}' ({By(flow.DefinedBy)}) uses {stock}, which is not declared. " +
                    "Pass stocks returned by sf.Stock<T>(...) on the same builder.");
            }

            if (stock.EntityType != flow.EntityType)
            {
                throw new StockAndFlowDefinitionException(
                    $"Flow '{flow.Slug}' ({By(flow.DefinedBy)}) is a flow of {flow.EntityType.Name} but uses {stock} of {stock.EntityType.Name}. " +
                    "A flow moves rows of one entity type; declare a separate flow per type.");
            }
        }
    }

    private static void CheckSlugs(IEnumerable<(string Slug, string? DefinedBy)> items, string kind)
    {
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (slug, definedBy) in items)
        {
            if (string.IsNullOrEmpty(slug) || !KebabCase().IsMatch(slug))
            {
                throw new StockAndFlowDefinitionException(
                    $"The {kind} slug '{slug}' ({By(definedBy)}) is not kebab-case. " +
                    "Use lower-case letters and digits separated by single hyphens, e.g. 'hot-leads'.");
            }

            if (seen.TryGetValue(slug, out var first))
            {
                throw new StockAndFlowDefinitionException(
                    $"Duplicate {kind} slug '{slug}': declared {By(first)} and again {By(definedBy)}. Slugs must be unique; rename one.");
            }

            seen.Add(slug, definedBy);
        }
    }
}
