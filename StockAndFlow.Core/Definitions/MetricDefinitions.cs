namespace StockAndFlow.Definitions;

/// <summary>A domain declared in code; registering it again updates its name and description, keeping its identity.</summary>
public sealed class DomainDefinition
{
    private readonly List<MetricDefinition> _metrics = [];

    internal DomainDefinition(string reference, string name, string? description, string? definedBy)
    {
        Ref = reference;
        Name = name;
        Description = description;
        DefinedBy = definedBy;
    }

    /// <summary>Reference id (kebab or snake case).</summary>
    public string Ref { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Optional description.</summary>
    public string? Description { get; }

    /// <summary>The metrics of the domain.</summary>
    public IReadOnlyList<MetricDefinition> Metrics => _metrics;

    internal string? DefinedBy { get; }

    /// <summary>Declares a metric of this domain.</summary>
    public MetricDefinition Metric(string reference, string name, string? description = null)
    {
        var metric = new MetricDefinition(this, reference, name, description);
        _metrics.Add(metric);
        return metric;
    }
}

/// <summary>A metric declared in code.</summary>
public sealed class MetricDefinition
{
    internal MetricDefinition(DomainDefinition domain, string reference, string name, string? description)
    {
        Domain = domain;
        Ref = reference;
        Name = name;
        Description = description;
    }

    /// <summary>Its domain.</summary>
    public DomainDefinition Domain { get; }

    /// <summary>Reference id (kebab or snake case), unique within the domain.</summary>
    public string Ref { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Optional description.</summary>
    public string? Description { get; }

    /// <summary>How the metric's values are shown; <see cref="ValueFormat.Auto"/> (up to two decimals) unless declared.</summary>
    public ValueFormat ValueFormat { get; private set; } = ValueFormat.Auto;

    /// <summary>
    /// Declares how values are shown: <c>ValueFormat.Currency("EUR")</c>, <c>ValueFormat.Percent(1)</c>,
    /// <c>ValueFormat.Number(0, "orders")</c>.
    /// </summary>
    public MetricDefinition Format(ValueFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        ValueFormat = format;
        return this;
    }

    /// <summary>Shows values as numbers with <paramref name="decimals"/> decimals followed by <paramref name="unit"/> ("orders").</summary>
    public MetricDefinition Unit(string unit, int decimals = 0) => Format(ValueFormat.Number(decimals, unit));

    /// <inheritdoc />
    public override string ToString() => $"metric '{Domain.Ref}/{Ref}'";
}
