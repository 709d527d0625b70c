using System.Reflection;
using Xunit.Sdk;

namespace StockAndFlow.Tests.Support;

/// <summary>
/// Feeds a <c>[Theory]</c> one case per provider in <see cref="TestDatabase.Providers"/>: SQLite always,
/// PostgreSQL whenever its server is configured. Cases for an absent server are not generated (not
/// skipped): ./test.sh always provides one, so CI always runs them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestDatabase.Providers.Select(p => new object[] { p });
}
