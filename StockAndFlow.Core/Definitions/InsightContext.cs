using Microsoft.EntityFrameworkCore;

namespace StockAndFlow.Definitions;

/// <summary>What an insight's code gets: the app's DbContext and services (its own scope) and the collection instant.</summary>
public sealed record InsightContext(DbContext Db, IServiceProvider Services, DateTime Now);

/// <summary>One point of a chart insight: X is a number or an instant (as UTC ticks via <see cref="At"/>), or a category.</summary>
public sealed record InsightPoint(decimal? X, decimal Y, string? Category = null, DateTime? At = null);
