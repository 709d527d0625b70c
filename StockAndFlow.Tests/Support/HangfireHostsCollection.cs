namespace StockAndFlow.Tests.Support;

/// <summary>
/// Tests that start app hosts (or Hangfire's services) outside a class fixture. Hangfire keeps some
/// configuration process-wide — its log provider points at the logger factory of the host configured
/// last — so these run one at a time, after the parallel tests, and never outlive each other's hosts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireHostsCollection
{
    public const string Name = "Hangfire hosts";
}
