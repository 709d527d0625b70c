// A deliberate upward reference, for LayeringTests to prove the check fails when code breaks the direction.
#pragma warning disable IDE0130, CA1812
namespace StockAndFlow.Tests.Architecture.Fixture.Storage
{
    internal sealed class Row
    {
        public static string Describe() => Capture.Interceptor.Name;
    }
}

namespace StockAndFlow.Tests.Architecture.Fixture.Capture
{
    internal static class Interceptor
    {
        public static string Name => "interceptor";

        public static int Rows() => Storage.Row.Describe().Length;
    }
}
#pragma warning restore IDE0130, CA1812
