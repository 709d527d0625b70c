namespace StockAndFlow.Tests.Support;

/// <summary>django-stockandflow's tracker example: a user with staff and active flags.</summary>
public sealed class User
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public bool IsStaff { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Region { get; set; }

    public int? TeamId { get; set; }

    public Team? Team { get; set; }
}

public sealed class Team
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public bool IsPremium { get; set; }
}

public sealed class LongItem
{
    public long Id { get; set; }

    public bool Open { get; set; }
}

public sealed class GuidItem
{
    public Guid Id { get; set; }

    public bool Open { get; set; }
}

/// <summary>A row keyed by two columns.</summary>
public sealed class LineItem
{
    public int OrderNo { get; set; }

    public int LineNo { get; set; }

    public string Sku { get; set; } = "";

    public bool Open { get; set; }

    public DateTime Due { get; set; }
}

public sealed class StringItem
{
    public string Id { get; set; } = "";

    public bool Open { get; set; }
}

/// <summary>An item that ages: used by decay and transition tests.</summary>
public sealed class Ticket
{
    public int Id { get; set; }

    public bool Open { get; set; }

    public DateTime TouchedAt { get; set; }

    public DateTime? ClosedAt { get; set; }
}

/// <summary>django-trackstats' example: comments by users, tracked by date and by user.</summary>
public sealed class Comment
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public DateTime Timestamp { get; set; }

    public decimal Score { get; set; }
}

/// <summary>A principal whose chores are deleted with it (a required relationship, cascading).</summary>
public sealed class Project
{
    public int Id { get; set; }

    public List<Chore> Chores { get; set; } = [];
}

public sealed class Chore
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public bool Done { get; set; }
}
