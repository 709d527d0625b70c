namespace FreshHost;

/// <summary>A film the app's users rate and vote for.</summary>
public sealed class Film
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public string? Genre { get; set; }

    public double Rating { get; set; }

    public int Votes { get; set; }
}
