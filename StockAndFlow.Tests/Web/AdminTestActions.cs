using System.Reflection;
using StockAndFlow.Definitions;
using StockAndFlow.Web.Demo;

namespace StockAndFlow.Tests.Web;

/// <summary>
/// Actions on the demo's hot leads that only the admin tests declare, so the tests do not depend on
/// which actions the demo offers: one moves leads to another stock (a flow event per row), one keeps
/// them where they are. Applied after the demo's definitions, it finds their stock by slug.
/// </summary>
public sealed class AdminTestActions : IStockAndFlowDefinition
{
    public const string Chill = "test-chill";
    public const string Touch = "test-touch";

    // The builder has no public lookup of stocks another definition declared; read its list.
    private static readonly FieldInfo Stocks = typeof(StockAndFlowBuilder).GetField("_stocks", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("StockAndFlowBuilder no longer keeps its stocks in _stocks; update AdminTestActions.");

    public void Define(StockAndFlowBuilder sf)
    {
        ArgumentNullException.ThrowIfNull(sf);
        var hot = ((List<Stock>)Stocks.GetValue(sf)!).OfType<Stock<Lead>>().Single(s => s.Slug == "hot-leads");
        sf.Action<Lead>(Chill, "Make cold (test)").On(hot)
            .Describe("Moves the selected hot leads to cold leads.")
            .Set((s, _) => s.SetProperty(l => l.Temperature, Temperature.Cold));
        sf.Action<Lead>(Touch, "Touch (test)").On(hot)
            .Set((s, now) => s.SetProperty(l => l.LastContactedAt, now));
    }
}
