using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using StockAndFlow.Definitions;

namespace StockAndFlow.Hosting;

/// <summary>Returned by <c>AddStockAndFlow</c>; names the definitions to load.</summary>
public sealed class StockAndFlowServicesBuilder
{
    internal StockAndFlowServicesBuilder(IServiceCollection services, DefinitionRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection, for further registrations.</summary>
    public IServiceCollection Services { get; }

    internal DefinitionRegistry Registry { get; }

    /// <summary>Loads every non-abstract <see cref="IStockAndFlowDefinition"/> class in the assemblies.</summary>
    public StockAndFlowServicesBuilder AddDefinitionsFrom(params Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStockAndFlowDefinition).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            Registry.Add(type);
        }

        return this;
    }

    /// <summary>Loads one definition class.</summary>
    public StockAndFlowServicesBuilder AddDefinition<TDefinition>()
        where TDefinition : class, IStockAndFlowDefinition, new()
    {
        Registry.Add(typeof(TDefinition));
        return this;
    }

    /// <summary>Loads one definition instance.</summary>
    public StockAndFlowServicesBuilder AddDefinition(IStockAndFlowDefinition definition)
    {
        Registry.Add(definition);
        return this;
    }
}
