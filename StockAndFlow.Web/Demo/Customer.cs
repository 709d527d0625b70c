namespace StockAndFlow.Web.Demo;

/// <summary>Where a customer is in its life cycle.</summary>
public enum CustomerStatus
{
    Trial = 1,
    Active = 2,
    Churned = 3,
}

/// <summary>A subscriber of the demo SaaS.</summary>
public sealed class Customer
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>starter, team or enterprise.</summary>
    public string Plan { get; set; } = "starter";

    /// <summary>ISO 3166 alpha-2 code.</summary>
    public string? Country { get; set; }

    public CustomerStatus Status { get; set; } = CustomerStatus.Trial;

    public DateTime SignedUpAt { get; set; }

    public List<Order> Orders { get; } = [];
}
