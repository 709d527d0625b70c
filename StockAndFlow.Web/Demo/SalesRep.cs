namespace StockAndFlow.Web.Demo;

/// <summary>A member of the sales team who owns leads.</summary>
public sealed class SalesRep
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Lead> Leads { get; } = [];
}
