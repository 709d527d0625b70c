namespace StockAndFlow.Web.Demo;

/// <summary>A paid order of a customer.</summary>
public sealed class Order
{
    public long Id { get; set; }

    public int CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public decimal Total { get; set; }

    public DateTime PlacedAt { get; set; }
}
