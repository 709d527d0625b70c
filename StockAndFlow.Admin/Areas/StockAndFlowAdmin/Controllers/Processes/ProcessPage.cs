using StockAndFlow.Definitions;
using StockAndFlow.Admin.Reading;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Home;
using StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Shared;

namespace StockAndFlow.Admin.Areas.StockAndFlowAdmin.Controllers.Processes;

/// <summary>A process on one screen: its stocks with their counts, and the flows between them.</summary>
public sealed record ProcessPage(Process Process, IReadOnlyList<StockSummary> Stocks, IReadOnlyList<FlowRow> Flows, RangeState Range);
