using StockAndFlow.Definitions;
using StockAndFlow.Web.Admin.Api;
using StockAndFlow.Web.Areas.StockFlowAdmin.Controllers.Home;

namespace StockAndFlow.Web.Areas.StockFlowAdmin.Controllers.Processes;

/// <summary>A process on one screen: its stocks with their counts, and the flows between them.</summary>
public sealed record ProcessPage(Process Process, IReadOnlyList<StockSummary> Stocks, IReadOnlyList<FlowRow> Flows);
