using StockAndFlow.Storage;

namespace StockAndFlow.Definitions;

/// <summary>What an alert watches for.</summary>
public enum AlertCondition
{
    /// <summary>The stock's live count is below <see cref="AlertDefinition.Threshold"/>.</summary>
    StockBelow,

    /// <summary>The stock's live count is above <see cref="AlertDefinition.Threshold"/>.</summary>
    StockAbove,

    /// <summary>The stock's outflow exceeded its inflow in each of the last <see cref="AlertDefinition.Periods"/> whole periods.</summary>
    OutflowAboveInflow,

    /// <summary>The flow's moves yesterday differ from the same weekday's mean over the 4 weeks before by more than <see cref="AlertDefinition.Threshold"/> percent.</summary>
    FlowOffWeekdayAverage,

    /// <summary>At the stock's mean net flow per day over the last 28 days, it empties within <see cref="AlertDefinition.Threshold"/> days.</summary>
    RunsOutWithin,
}

/// <summary>
/// An alert in stock terms, declared in code beside the stocks: evaluated by a recurring job, kept with its
/// history, shown in the admin and sent through the host's <c>IAlertSink</c>.
/// </summary>
public sealed class AlertDefinition
{
    internal AlertDefinition(string slug, string name, string? definedBy)
    {
        Slug = slug;
        Name = name;
        DefinedBy = definedBy;
    }

    /// <summary>Unique kebab-case identifier.</summary>
    public string Slug { get; }

    /// <summary>What operators read.</summary>
    public string Name { get; }

    /// <summary>The stock watched (every condition but <see cref="AlertCondition.FlowOffWeekdayAverage"/>).</summary>
    public Stock? Stock { get; internal set; }

    /// <summary>The flow watched (<see cref="AlertCondition.FlowOffWeekdayAverage"/>).</summary>
    public Flow? Flow { get; internal set; }

    /// <summary>The condition.</summary>
    public AlertCondition Condition { get; internal set; }

    /// <summary>A level, a percent or a number of days, as the condition reads it.</summary>
    public double Threshold { get; internal set; }

    /// <summary>How many periods in a row (<see cref="AlertCondition.OutflowAboveInflow"/>).</summary>
    public int Periods { get; internal set; } = 1;

    /// <summary>The period those are counted in.</summary>
    public Period Period { get; internal set; } = Period.Day;

    /// <summary>The definition class that declared it.</summary>
    public string? DefinedBy { get; }

    /// <summary>The condition in words, e.g. "Hot leads below 50".</summary>
    public string Describe() => Condition switch
    {
        AlertCondition.StockBelow => $"{Stock!.Name} below {Threshold:0.##}",
        AlertCondition.StockAbove => $"{Stock!.Name} above {Threshold:0.##}",
        AlertCondition.OutflowAboveInflow => $"more leaving {Stock!.Name} than entering, {Periods} {Period.ToString().ToLowerInvariant()}{(Periods == 1 ? "" : "s")} in a row",
        AlertCondition.FlowOffWeekdayAverage => $"{Flow!.Name} off its usual for the weekday by more than {Threshold:0.##} %",
        _ => $"{Stock!.Name} runs out within {Threshold:0.##} days at the current rates",
    };
}

/// <summary>Declares an alert: one call names what it watches, the next its condition.</summary>
public sealed class AlertBuilder
{
    internal AlertBuilder(AlertDefinition alert) => Alert = alert;

    internal AlertDefinition Alert { get; }

    /// <summary>Fires while <paramref name="stock"/> has fewer than <paramref name="level"/> members.</summary>
    public AlertBuilder WhenBelow(Stock stock, double level) => Set(stock, null, AlertCondition.StockBelow, level);

    /// <summary>Fires while <paramref name="stock"/> has more than <paramref name="level"/> members.</summary>
    public AlertBuilder WhenAbove(Stock stock, double level) => Set(stock, null, AlertCondition.StockAbove, level);

    /// <summary>Fires when more rows left <paramref name="stock"/> than entered it in each of the last <paramref name="periods"/> whole periods.</summary>
    public AlertBuilder WhenOutflowExceedsInflow(Stock stock, int periods, Period period = Period.Day)
    {
        Set(stock, null, AlertCondition.OutflowAboveInflow, 0);
        Alert.Periods = periods;
        Alert.Period = period;
        return this;
    }

    /// <summary>Fires when <paramref name="flow"/>'s moves yesterday differ from the same weekday's mean of the 4 weeks before by more than <paramref name="percent"/> %.</summary>
    public AlertBuilder WhenFlowOffWeekdayAverage(Flow flow, double percent) => Set(null, flow, AlertCondition.FlowOffWeekdayAverage, percent);

    /// <summary>Fires when, at its mean net flow per day over the last 28 days, <paramref name="stock"/> empties within <paramref name="days"/> days.</summary>
    public AlertBuilder WhenRunsOutWithin(Stock stock, double days) => Set(stock, null, AlertCondition.RunsOutWithin, days);

    private AlertBuilder Set(Stock? stock, Flow? flow, AlertCondition condition, double threshold)
    {
        Alert.Stock = stock;
        Alert.Flow = flow;
        Alert.Condition = condition;
        Alert.Threshold = threshold;
        return this;
    }
}
