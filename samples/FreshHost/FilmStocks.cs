using StockAndFlow.Definitions;

namespace FreshHost;

/// <summary>How films are received: acclaimed, obscure, and the obscure ones that get discovered.</summary>
public sealed class FilmStocks : IStockAndFlowDefinition
{
    public void Define(StockAndFlowBuilder sf)
    {
        var acclaimed = sf.Stock<Film>("acclaimed", f => f.Rating >= 8.0 && f.Votes >= 1000).Named("Acclaimed films")
            .Facet("genre", f => f.Genre);
        var obscure = sf.Stock<Film>("obscure", f => f.Votes < 1000).Named("Obscure films")
            .Facet("genre", f => f.Genre);
        var classics = sf.Stock<Film>("classics", f => f.Year < 1970).Named("Classics")
            .Facet("genre", f => f.Genre);

        var discovered = sf.Flow<Film>("discovered").Named("Discovered").From(obscure).To(acclaimed);

        sf.Process("reception", "Reception").Includes(acclaimed, obscure, classics).Includes(discovered);
    }
}
