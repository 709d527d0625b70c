namespace StockAndFlow.Web.Demo;

/// <summary>
/// The demo business's mix and how it shifts over the year (<c>t</c> runs from 0 on the first simulated
/// day to 1 on the last): growth, the plan mix moving from starter towards team and enterprise, a US
/// launch, an ads campaign, conference season, a summer dip. All draws come from the caller's seeded
/// <see cref="Random"/>, so a history is reproducible.
/// </summary>
internal static class DemoMix
{
    public static readonly string[] Plans = ["starter", "team", "enterprise"];

    public static readonly string[] InitialReps = ["Ada", "Grace", "Linus", "Barbara"];

    /// <summary>Reps who join the sales team during the year, with when they start.</summary>
    public static readonly (double At, string Name)[] LaterReps = [(0.45, "Margaret"), (0.75, "Edsger")];

    private static readonly string[] Prefixes = ["Blue", "North", "Bright", "Quiet", "Swift", "Iron", "Silver", "Green", "Lumen", "Polar", "Cedar", "Harbor"];
    private static readonly string[] Suffixes = ["Labs", "Works", "Systems", "Logistics", "Studio", "Health", "Foods", "Analytics", "Energy", "Retail"];
    private static readonly string[] Given = ["Anna", "Bram", "Chloé", "Dev", "Eva", "Femke", "Gus", "Hana", "Ivo", "Jonas", "Kim", "Lotte", "Mia", "Noah", "Omar", "Pia"];
    private static readonly string[] Family = ["de Vries", "Müller", "Smith", "Jansen", "Dubois", "Brown", "Bakker", "Schmidt", "Martin", "Visser"];

    /// <summary>Seasonality of demand by month: a January rush, a summer dip.</summary>
    private static readonly double[] Season = [1.25, 1.1, 1.05, 1.0, 1.0, 0.9, 0.7, 0.65, 1.0, 1.1, 1.05, 0.85];

    /// <summary>How busy the day is: weekends are quiet, months follow <see cref="Season"/>.</summary>
    public static double Demand(DemoDay day) => (day.IsWeekend ? 0.35 : 1.0) * Season[day.Date.Month - 1];

    /// <summary>Expected signups on a day.</summary>
    public static double Signups(DemoDay day, double t) => (2.0 + (3.0 * t)) * Demand(day);

    /// <summary>Expected new leads on a day; conference season (March, October) brings more.</summary>
    public static double NewLeads(DemoDay day, double t) =>
        (2.5 + (2.5 * t)) * Demand(day) * (day.Date.Month is 3 or 10 ? 1.6 : 1.0);

    /// <summary>Starter dominates at first; team and enterprise grow through the year.</summary>
    public static string Plan(Random random, double t) => Pick(random, Plans, [0.72 - (0.37 * t), 0.24 + (0.21 * t), 0.04 + (0.16 * t)]);

    /// <summary>European at first; the US launch (a third into the year) makes the US the largest market.</summary>
    public static string? Country(Random random, double t)
    {
        var us = t < 0.33 ? 0.08 : 0.08 + (0.5 * (t - 0.33));
        return Pick<string?>(random, ["NL", "DE", "GB", "FR", "US", null], [0.32, 0.22, 0.15, 0.12, us, 0.04]);
    }

    /// <summary>Web and referrals at first; an ads campaign from a quarter into the year; events in conference months.</summary>
    public static string Source(Random random, DemoDay day, double t)
    {
        var ads = t < 0.25 ? 0.05 : 0.15 + (0.25 * t);
        var events = day.Date.Month is 3 or 10 ? 0.45 : 0.05;
        return Pick(random, ["web", "referral", "event", "ads"], [0.55 - (0.2 * t), 0.25, events, ads]);
    }

    /// <summary>A monthly invoice, by plan, with seats and extras varying.</summary>
    public static decimal OrderTotal(Random random, string plan)
    {
        var (basePrice, spread) = plan switch
        {
            "enterprise" => (900m, 1800),
            "team" => (120m, 300),
            _ => (19m, 40),
        };
        return basePrice + random.Next(spread);
    }

    /// <summary>Daily churn hazard of an active customer; a starter price rise in month eight doubles it for a while.</summary>
    public static double ActiveChurn(string plan, double t)
    {
        var hazard = plan switch
        {
            "enterprise" => 0.0004,
            "team" => 0.0012,
            _ => 0.0025,
        };
        return plan == "starter" && t is > 0.62 and < 0.7 ? hazard * 3 : hazard;
    }

    public static string CompanyName(Random random) => $"{Prefixes[random.Next(Prefixes.Length)]} {Suffixes[random.Next(Suffixes.Length)]}";

    public static string PersonName(Random random) => $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}";

    /// <summary>A Poisson draw (Knuth's method; fine for the small means used here).</summary>
    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    private static T Pick<T>(Random random, T[] values, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }
}
