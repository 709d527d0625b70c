namespace StockAndFlow.Admin.Reading;

/// <summary>
/// A figure over a range (<see cref="Now"/>) and over the range before it (<see cref="Before"/>, from
/// <see cref="Api.RangeQuery.Previous"/>): the change in numbers and in percent. <see cref="Words"/> names
/// the range before ("the 30 days before").
/// </summary>
public sealed record Comparison(decimal Now, decimal Before, string Words = "the 30 days before")
{
    public decimal Change => Now - Before;

    /// <summary>The change as a share of <see cref="Before"/>; null when there was nothing before.</summary>
    public double? Percent => Before == 0 ? null : (double)(Change / Before);
}
