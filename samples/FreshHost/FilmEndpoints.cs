using Microsoft.EntityFrameworkCore;

namespace FreshHost;

/// <summary>The app's own endpoints over films.</summary>
public static class FilmEndpoints
{
    /// <summary>POST /films/{id}/votes: a signed-in user casts one vote for a film.</summary>
    public static void MapFilms(this IEndpointRouteBuilder app) =>
        app.MapPost("/films/{id:int}/votes", async (int id, FilmsDb db, CancellationToken ct) =>
        {
            if (await db.Films.SingleOrDefaultAsync(f => f.Id == id, ct) is not { } film)
            {
                return Results.NotFound();
            }

            film.Votes++;
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { film.Id, film.Votes });
        }).RequireAuthorization();
}
