using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Definitions;

/// <summary>Declarations of how things read to operators: a stock's direction, an entity's name and columns, a metric's format.</summary>
public sealed class DisplayDeclarationTests
{
    [Fact]
    public void Stock_IsHigherIsBetter_UnlessDeclared()
    {
        var model = Model(sf =>
        {
            sf.Stock<User>("active", u => u.IsActive);
            sf.Stock<User>("inactive", u => !u.IsActive).Direction(StockDirection.LowerIsBetter);
        });

        Assert.Equal(StockDirection.HigherIsBetter, model.FindStock("active")!.Direction);
        Assert.Equal(StockDirection.LowerIsBetter, model.FindStock("inactive")!.Direction);
    }

    [Fact]
    public void Entity_KeepsDisplayNameWordsAndColumnsInOrder()
    {
        var model = Model(sf =>
        {
            sf.Stock<User>("active", u => u.IsActive);
            sf.Entity<User>().Named("member", "members").DisplayName(u => u.Name)
                .Column("Team", u => u.Team!.Name)
                .Column("Name", u => u.Name);
        });

        var entity = model.EntityOf(typeof(User));
        Assert.NotNull(entity.DisplayName);
        Assert.Equal(["Team", "Name"], entity.Columns.Select(c => c.Label));
        Assert.Null(entity.Columns[0].Property);
        Assert.Equal("Name", entity.Columns[1].Property);
        Assert.Equal("1 member", entity.Count(1));
        Assert.Equal("1,203 members", entity.Count(1203));
    }

    [Fact]
    public void Entity_DefaultsToTheTypeNameInWords_WhenUndeclared()
    {
        var model = Model(sf => sf.Stock<LongItem>("items", i => true));

        var entity = model.EntityOf(typeof(LongItem));
        Assert.Null(entity.DisplayName);
        Assert.Empty(entity.Columns);
        Assert.Equal("long items", entity.Plural);
    }

    [Fact]
    public void Build_Throws_WhenTwoColumnsShareALabel()
    {
        var ex = Build(sf => sf.Entity<User>().Column("Name", u => u.Name).Column("name", u => u.Region));
        Assert.Contains("sf.Entity<User>() (in DelegateDefinition) has two columns labelled 'name'", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAColumnsFormatDoesNotFitItsValue()
    {
        var ex = Build(sf => sf.Entity<User>().Column("Joined", u => u.Name, ValueFormat.Age));
        Assert.Contains("column 'Joined' is a String but its format is age", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenTheDisplayNameIsDeclaredTwice()
    {
        var ex = Build(sf => sf.Entity<User>().DisplayName(u => u.Name).DisplayName(u => u.Region!));
        Assert.Contains("declares DisplayName more than once", ex.Message);
    }

    [Theory]
    [InlineData("euro")]
    [InlineData("eur")]
    public void Build_Throws_WhenAMetricsCurrencyIsNotAnIsoCode(string code)
    {
        var ex = Build(sf => sf.Domain("shop", "Shop").Metric("revenue", "Revenue").Format(ValueFormat.Currency(code)));
        Assert.Contains($"metric 'shop/revenue' (in DelegateDefinition) has currency '{code}'", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAMetricIsFormattedAsADate()
    {
        var ex = Build(sf => sf.Domain("shop", "Shop").Metric("revenue", "Revenue").Format(ValueFormat.Date));
        Assert.Contains("statistics are numbers", ex.Message);
    }

    [Theory]
    [InlineData(341.87082405, "€341.87")]
    [InlineData(1234567.5, "€1,234,567.50")]
    public void Currency_RoundsAndShowsTheSymbol(double value, string expected) =>
        Assert.Equal(expected, ValueFormat.Currency("EUR").Format(value, DateTime.UtcNow));

    [Fact]
    public void Formats_WriteNumbersPercentsUnitsAndAges()
    {
        var now = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("12.5 %", ValueFormat.Percent(1).Format(0.125, now));
        Assert.Equal("1,204 orders", ValueFormat.Number(0, "orders").Format(1204L, now));
        Assert.Equal("today", ValueFormat.Age.Format(now.AddHours(-3), now));
        Assert.Equal("1 day ago", ValueFormat.Age.Format(now.AddDays(-1), now));
        Assert.Equal("12 days ago", ValueFormat.Age.Format(now.AddDays(-12.5), now));
        Assert.Equal("341.87", ValueFormat.Auto.Format(341.87082405m, now));
        Assert.Equal("—", ValueFormat.Auto.Format(null, now));
    }

    private static StockAndFlowModel Model(Action<StockAndFlowBuilder> define) => StockAndFlowModel.From([new DelegateDefinition(define)]);

    private static StockAndFlowDefinitionException Build(Action<StockAndFlowBuilder> define) =>
        Assert.Throws<StockAndFlowDefinitionException>(() => Model(define));
}
