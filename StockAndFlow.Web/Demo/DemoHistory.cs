using Microsoft.EntityFrameworkCore;
using StockAndFlow.Web.Data;

namespace StockAndFlow.Web.Demo;

/// <summary>
/// Plays the business side of one simulated day: signups, new leads, contacts, conversions, orders,
/// churn, reactivations and dropped leads. Each activity is one batch saved through the DbContext with
/// the clock set to its time of day, so the capture interceptor stamps its flow events as a live save
/// would; the change tracker is cleared after each batch so saves stay small. Which rows an activity
/// touches is decided from a small in-memory view of the rows; the rows themselves are loaded and
/// changed like any application code would.
/// </summary>
internal sealed class DemoHistory(DemoClock clock, Random random)
{
    private readonly List<CustomerView> _customers = [];
    private readonly List<LeadView> _leads = [];
    private readonly List<int> _reps = [];
    private readonly HashSet<string> _hired = new(StringComparer.Ordinal);
    private int _leadNumber;

    public int Customers => _customers.Count;

    public int LeadsCreated => _leadNumber;

    public int Orders { get; private set; }

    /// <summary>Plays <paramref name="day"/>, <paramref name="t"/> of the way (0 to 1) through the history.</summary>
    public async Task PlayAsync(ShopDbContext db, DemoDay day, double t, CancellationToken cancellationToken)
    {
        await HireAsync(db, day, t, cancellationToken);
        await SignUpAsync(db, day, t, cancellationToken);
        await CreateLeadsAsync(db, day, t, cancellationToken);
        await ContactLeadsAsync(db, day, cancellationToken);

        var now = Stamp(day, 0.55);
        await MoveCustomersAsync(db, Choose(CustomerStatus.Trial, c => (now - c.SignedUpAt).TotalDays < 5 ? 0 : 0.035), CustomerStatus.Active, cancellationToken);
        await PlaceOrdersAsync(db, day, cancellationToken);

        // A trial lasts thirty days: who has not converted by then churns.
        now = Stamp(day, 0.68);
        var churning = Choose(CustomerStatus.Trial, c => (now - c.SignedUpAt).TotalDays >= 30 ? 1 : 0.01);
        churning.AddRange(Choose(CustomerStatus.Active, c => DemoMix.ActiveChurn(c.Plan, t)));
        await MoveCustomersAsync(db, churning, CustomerStatus.Churned, cancellationToken);

        Stamp(day, 0.73);
        await MoveCustomersAsync(db, Choose(CustomerStatus.Churned, _ => 0.004), CustomerStatus.Active, cancellationToken);
        await DropLeadsAsync(db, day, cancellationToken);
    }

    private async Task HireAsync(ShopDbContext db, DemoDay day, double t, CancellationToken cancellationToken)
    {
        var names = (day.Index == 0 ? DemoMix.InitialReps : [])
            .Concat(DemoMix.LaterReps.Where(r => t >= r.At).Select(r => r.Name))
            .Where(_hired.Add)
            .ToList();
        if (names.Count == 0)
        {
            return;
        }

        Stamp(day, 0.33);
        var reps = names.Select(name => new SalesRep { Name = name }).ToList();
        db.SalesReps.AddRange(reps);
        await SaveAsync(db, cancellationToken);
        _reps.AddRange(reps.Select(r => r.Id));
    }

    private async Task SignUpAsync(ShopDbContext db, DemoDay day, double t, CancellationToken cancellationToken)
    {
        var count = DemoMix.Poisson(random, DemoMix.Signups(day, t));
        if (count == 0)
        {
            return;
        }

        var now = Stamp(day, 0.38);
        var customers = Enumerable.Range(0, count).Select(_ => new Customer
        {
            Name = DemoMix.CompanyName(random),
            Plan = DemoMix.Plan(random, t),
            Country = DemoMix.Country(random, t),
            SignedUpAt = now,
        }).ToList();
        db.Customers.AddRange(customers);
        await SaveAsync(db, cancellationToken);
        _customers.AddRange(customers.Select(c => new CustomerView(c.Id, c.Plan, c.SignedUpAt)));
    }

    private async Task CreateLeadsAsync(ShopDbContext db, DemoDay day, double t, CancellationToken cancellationToken)
    {
        var count = DemoMix.Poisson(random, DemoMix.NewLeads(day, t));
        if (count == 0)
        {
            return;
        }

        var now = Stamp(day, 0.43);
        var leads = Enumerable.Range(0, count).Select(_ => new Lead
        {
            Name = DemoMix.PersonName(random),
            Email = $"lead{++_leadNumber:00000}@example.com",
            Source = DemoMix.Source(random, day, t),

            // One lead in ten waits for an owner.
            OwnerId = random.Next(10) == 0 ? null : _reps[random.Next(_reps.Count)],
            Temperature = Temperature.Hot,
            CreatedAt = now,
            LastContactedAt = now,
        }).ToList();
        db.Leads.AddRange(leads);
        await SaveAsync(db, cancellationToken);
        _leads.AddRange(leads.Select(l => new LeadView(l.Id) { LastContactedAt = now }));
    }

    /// <summary>Follow-ups: recent leads are called more often than long-silent ones. Contact makes a lead hot again.</summary>
    private async Task ContactLeadsAsync(ShopDbContext db, DemoDay day, CancellationToken cancellationToken)
    {
        var now = Stamp(day, 0.48);
        var chosen = _leads.Where(l => random.NextDouble() < (now - l.LastContactedAt).TotalDays switch
        {
            < 7 => 0.06,
            < 21 => 0.04,
            _ => 0.012,
        }).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        foreach (var lead in await LoadLeadsAsync(db, chosen, cancellationToken))
        {
            lead.LastContactedAt = now;
            lead.Temperature = Temperature.Hot;
        }

        await SaveAsync(db, cancellationToken);
        chosen.ForEach(l => l.LastContactedAt = now);
    }

    /// <summary>Leads silent past the cold threshold are given up on, now and then a warm one too.</summary>
    private async Task DropLeadsAsync(ShopDbContext db, DemoDay day, CancellationToken cancellationToken)
    {
        var now = Stamp(day, 0.78);
        var chosen = _leads.Where(l => random.NextDouble() < (now - l.LastContactedAt).TotalDays switch
        {
            < 8 => 0,
            < 22 => 0.003,
            _ => 0.02,
        }).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        db.Leads.RemoveRange(await LoadLeadsAsync(db, chosen, cancellationToken));
        await SaveAsync(db, cancellationToken);
        var dropped = chosen.ToHashSet();
        _leads.RemoveAll(dropped.Contains);
    }

    private async Task PlaceOrdersAsync(ShopDbContext db, DemoDay day, CancellationToken cancellationToken)
    {
        var now = Stamp(day, 0.62);
        var rate = 0.035 * DemoMix.Demand(day);
        var orders = _customers
            .Where(c => c.Status == CustomerStatus.Active && random.NextDouble() < rate)
            .Select(c => new Order { CustomerId = c.Id, Total = DemoMix.OrderTotal(random, c.Plan), PlacedAt = now })
            .ToList();
        if (orders.Count == 0)
        {
            return;
        }

        db.Orders.AddRange(orders);
        await SaveAsync(db, cancellationToken);
        Orders += orders.Count;
    }

    private List<CustomerView> Choose(CustomerStatus status, Func<CustomerView, double> probability) =>
        [.. _customers.Where(c => c.Status == status && random.NextDouble() < probability(c))];

    private static async Task MoveCustomersAsync(ShopDbContext db, List<CustomerView> chosen, CustomerStatus to, CancellationToken cancellationToken)
    {
        if (chosen.Count == 0)
        {
            return;
        }

        var ids = chosen.Select(c => c.Id).ToList();
        foreach (var customer in await db.Customers.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            customer.Status = to;
        }

        await SaveAsync(db, cancellationToken);
        chosen.ForEach(c => c.Status = to);
    }

    private static Task<List<Lead>> LoadLeadsAsync(ShopDbContext db, List<LeadView> chosen, CancellationToken cancellationToken)
    {
        var ids = chosen.Select(l => l.Id).ToList();
        return db.Leads.Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
    }

    private static async Task SaveAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Sets the clock to <paramref name="fraction"/> of the way through the day, give or take twenty minutes.</summary>
    private DateTime Stamp(DemoDay day, double fraction)
    {
        var at = day.At(fraction + ((random.NextDouble() - 0.5) * 0.028));
        clock.SetSimulatedTime(at);
        return at;
    }

    private sealed class CustomerView(int id, string plan, DateTime signedUpAt)
    {
        public int Id { get; } = id;

        public string Plan { get; } = plan;

        public DateTime SignedUpAt { get; } = signedUpAt;

        public CustomerStatus Status { get; set; } = CustomerStatus.Trial;
    }

    private sealed class LeadView(int id)
    {
        public int Id { get; } = id;

        public DateTime LastContactedAt { get; set; }
    }
}
