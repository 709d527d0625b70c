namespace StockAndFlow.Web.Demo;

/// <summary>How recently a lead showed interest.</summary>
public enum Temperature
{
    Hot = 1,
    Warm = 2,
    Cold = 3,
}

/// <summary>A prospective customer; cools from hot to warm to cold without contact.</summary>
public sealed class Lead
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Where the lead came from: web, referral, event, ads.</summary>
    public string Source { get; set; } = "";

    public Temperature Temperature { get; set; } = Temperature.Hot;

    public DateTime CreatedAt { get; set; }

    public DateTime LastContactedAt { get; set; }

    public int? OwnerId { get; set; }

    public SalesRep? Owner { get; set; }
}
