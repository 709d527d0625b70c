using StockAndFlow.Admin.Api;
using StockAndFlow.Definitions;
using StockAndFlow.Reading;
using StockAndFlow.Storage;

namespace StockAndFlow.Admin.Reading;

/// <summary>The moves of one entity type's rows — transition matrix, dwell times, a stock's cohorts — for the movements page and API.</summary>
public sealed class MovementsReader(Movements movements, StockAndFlowModel model, AdminDatabase database, TimeProvider time)
{
    /// <summary>The entity type with stocks whose CLR name is <paramref name="name"/>, or null.</summary>
    public Type? FindEntity(string name) => model.Stocks.Select(s => s.EntityType).FirstOrDefault(t => t.Name == name);

    /// <summary>The moves over <paramref name="range"/> by source and sink.</summary>
    public Task<IReadOnlyList<Transition>> TransitionsAsync(Type entity, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return movements.TransitionsAsync(database.Context, model, entity, range.From, range.To, cancellationToken);
    }

    /// <summary>How long members stayed in each stock, over the leaves in <paramref name="range"/>.</summary>
    public Task<IReadOnlyList<DwellTime>> DwellTimesAsync(Type entity, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        return movements.DwellTimesAsync(database.Context, model, entity, range.From, range.To, cancellationToken);
    }

    /// <summary>How long the current members of each stock of <paramref name="entity"/> have been in it.</summary>
    public Task<IReadOnlyList<MemberAges>> MemberAgesAsync(Type entity, CancellationToken cancellationToken) =>
        movements.MemberAgesAsync(database.Context, model, entity, time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Cohorts of <paramref name="stock"/> by week or month over <paramref name="range"/>.</summary>
    public Task<IReadOnlyList<Cohort>> CohortsAsync(Stock stock, RangeQuery range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var period = range.Period is Period.Month ? Period.Month : Period.Week;
        return movements.CohortsAsync(database.Context, model, stock, period, range.From, range.To, time.GetUtcNow().UtcDateTime, cancellationToken);
    }
}

/// <summary>A transition matrix as the API answers it, with the moves of the range before it (<see cref="RangeQuery.Previous"/>) for comparison.</summary>
public sealed record TransitionMatrix(string Entity, DateTime From, DateTime To, IReadOnlyList<Transition> Moves)
{
    public IReadOnlyList<Transition> Previous { get; init; } = [];
}

/// <summary>Dwell times as the API answers them, in days, with those of the range before it (<see cref="RangeQuery.Previous"/>) for comparison.</summary>
public sealed record DwellTimes(string Entity, DateTime From, DateTime To, IReadOnlyList<DwellRow> Stocks)
{
    public IReadOnlyList<DwellRow> Previous { get; init; } = [];
}

/// <summary>One stock's dwell time in days.</summary>
public sealed record DwellRow(string Stock, int Leaves, double? MedianDays, double? Percentile90Days)
{
    public static DwellRow Of(DwellTime dwell)
    {
        ArgumentNullException.ThrowIfNull(dwell);
        return new DwellRow(dwell.Stock, dwell.Leaves, dwell.Median?.TotalDays, dwell.Percentile90?.TotalDays);
    }
}

/// <summary>Current members' ages as the API answers them: the band labels, and each stock's count per band.</summary>
public sealed record MemberAgeTable(string Entity, IReadOnlyList<string> Bands, IReadOnlyList<MemberAges> Stocks);

/// <summary>A stock's cohorts as the API answers them.</summary>
public sealed record CohortTable(string Stock, string Period, string TimeZone, IReadOnlyList<Cohort> Cohorts);
