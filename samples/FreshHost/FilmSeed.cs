using Microsoft.EntityFrameworkCore;

namespace FreshHost;

/// <summary>Creates the schema and a few films when the database is new.</summary>
public static class FilmSeed
{
    public static async Task CreateAsync(FilmsDb db)
    {
        await db.Database.EnsureCreatedAsync();
        if (await db.Films.AnyAsync())
        {
            return;
        }

        db.Films.AddRange(
            new Film { Id = 1, Title = "Casablanca", Year = 1942, Genre = "drama", Rating = 8.5, Votes = 6200 },
            new Film { Id = 2, Title = "Metropolis", Year = 1927, Genre = "science fiction", Rating = 8.3, Votes = 1900 },
            new Film { Id = 3, Title = "Seven Samurai", Year = 1954, Genre = "action", Rating = 8.6, Votes = 3700 },
            new Film { Id = 4, Title = "Plan 9 from Outer Space", Year = 1957, Genre = "science fiction", Rating = 3.9, Votes = 4200 },
            new Film { Id = 5, Title = "Carnival of Souls", Year = 1962, Genre = "horror", Rating = 7.1, Votes = 400 },
            new Film { Id = 6, Title = "Night Tide", Year = 1961, Genre = null, Rating = 6.5, Votes = 120 },
            new Film { Id = 7, Title = "Primer", Year = 2004, Genre = "science fiction", Rating = 8.1, Votes = 999 },
            new Film { Id = 8, Title = "Parasite", Year = 2019, Genre = "drama", Rating = 8.5, Votes = 2000 },
            new Film { Id = 9, Title = "The Room", Year = 2003, Genre = "drama", Rating = 3.6, Votes = 8000 });
        await db.SaveChangesAsync();
    }
}
