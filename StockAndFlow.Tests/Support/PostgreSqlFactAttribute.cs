using Xunit.Abstractions;
using Xunit.Sdk;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// A fact that needs a PostgreSQL server: generated when the environment variable
/// <paramref name="serverVariable"/> is set, absent (not skipped) otherwise, like the PostgreSQL cases
/// of <see cref="AllProvidersAttribute"/>.
/// </summary>
[XunitTestCaseDiscoverer("StockAndFlow.Tests.Support.PostgreSqlFactDiscoverer", "StockAndFlow.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute(string serverVariable = PostgreSqlTestDatabase.ServerVariable) : FactAttribute
{
    public string ServerVariable { get; } = serverVariable;
}

/// <summary>Generates a <see cref="PostgreSqlFactAttribute"/> test only when its server is configured.</summary>
public sealed class PostgreSqlFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var variable = factAttribute.GetConstructorArguments().FirstOrDefault() as string ?? PostgreSqlTestDatabase.ServerVariable;
        return PostgreSqlTestDatabase.ServerConnectionString(variable) is null ? [] : base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
