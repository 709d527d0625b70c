using StockAndFlow.Definitions;
using StockAndFlow.Tests.Support;

namespace StockAndFlow.Tests.Definitions;

public sealed class DefinitionValidationTests
{
    [Fact]
    public void Build_Throws_WhenAStockSlugIsDuplicated()
    {
        var ex = Build(sf =>
        {
            sf.Stock<User>("active", u => u.IsActive);
            sf.Stock<User>("active", u => !u.IsActive);
        });
        Assert.Contains("Duplicate stock slug 'active'", ex.Message);
        Assert.Contains("in DelegateDefinition", ex.Message);
        Assert.Contains("rename one", ex.Message);
    }

    [Theory]
    [InlineData("Hot leads")]
    [InlineData("hot_leads")]
    [InlineData("HotLeads")]
    [InlineData("-hot")]
    [InlineData("hot--leads")]
    [InlineData("")]
    public void Build_Throws_WhenASlugIsNotKebabCase(string slug)
    {
        var ex = Build(sf => sf.Stock<User>(slug, u => u.IsActive));
        Assert.Contains($"The stock slug '{slug}'", ex.Message);
        Assert.Contains("not kebab-case", ex.Message);
        Assert.Contains("'hot-leads'", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAFacetSlugIsNotKebabCase()
    {
        var ex = Build(sf => sf.Stock<User>("active", u => u.IsActive).Facet("Region", u => u.Region));
        Assert.Contains("facet of stock 'active' slug 'Region'", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAFlowUsesAStockDeclaredElsewhere()
    {
        var foreign = new StockAndFlowBuilder().Stock<User>("ghost", u => u.IsStaff).Stock;
        var ex = Build(sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            sf.Flow<User>("haunting").From(active).To(foreign);
        });
        Assert.Contains("Flow 'haunting'", ex.Message);
        Assert.Contains("stock 'ghost', which is not declared", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAFlowMixesEntityTypes()
    {
        var ex = Build(sf =>
        {
            var active = sf.Stock<User>("active", u => u.IsActive);
            var open = sf.Stock<LongItem>("open", i => i.Open);
            sf.Flow<User>("mixing").From(active).To(open);
        });
        Assert.Contains("Flow 'mixing'", ex.Message);
        Assert.Contains("is a flow of User but uses stock 'open' of LongItem", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAFlowHasNoSource()
    {
        var ex = Build(sf => sf.Flow<User>("nowhere").To(sf.Stock<User>("active", u => u.IsActive)));
        Assert.Contains("Flow 'nowhere'", ex.Message);
        Assert.Contains("has no source", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAFlowHasNoSink()
    {
        var ex = Build(sf => sf.Flow<User>("nowhere").From(sf.Stock<User>("active", u => u.IsActive)));
        Assert.Contains("has no sink", ex.Message);
    }

    [Fact]
    public void Build_Throws_WhenAProcessIncludesAnUndeclaredStock()
    {
        var foreign = new StockAndFlowBuilder().Stock<User>("ghost", u => u.IsStaff).Stock;
        var ex = Build(sf => sf.Process("everything", "Everything").Includes(foreign));
        Assert.Contains("Process 'everything'", ex.Message);
    }

    [Fact]
    public async Task Startup_Throws_WhenAPredicateCannotBeTranslated()
    {
        await using var engine = await Engine.StartAsync(sf => sf.Stock<User>("lucky", u => IsLucky(u.Name)));
        var ex = await Assert.ThrowsAsync<StockAndFlowDefinitionException>(engine.ValidateAsync);
        Assert.Contains("The predicate of stock 'lucky' (in DelegateDefinition) cannot be translated to SQL", ex.Message);
    }

    [Fact]
    public async Task Startup_Throws_WhenAFacetSelectorCannotBeTranslated()
    {
        await using var engine = await Engine.StartAsync(sf => sf.Stock<User>("active", u => u.IsActive).Facet("luck", u => IsLucky(u.Name)));
        var ex = await Assert.ThrowsAsync<StockAndFlowDefinitionException>(engine.ValidateAsync);
        Assert.Contains("The facet 'luck' of stock 'active'", ex.Message);
    }

    [Fact]
    public async Task Startup_Throws_WhenACapturedStockReadsANavigationWithoutAStateFunction()
    {
        await using var engine = await Engine.StartAsync(sf =>
        {
            var premium = sf.Stock<User>("premium", u => u.Team!.IsPremium);
            sf.Flow<User>("joining").From(Stock.External).To(premium);
        });
        var ex = await Assert.ThrowsAsync<StockAndFlowDefinitionException>(engine.ValidateAsync);
        Assert.Contains("Stock 'premium'", ex.Message);
        Assert.Contains("reads the navigation 'Team'", ex.Message);
        Assert.Contains("StateFunction<User>", ex.Message);
    }

    [Fact]
    public async Task Startup_Accepts_NavigationPredicatesOnStocksNoFlowUses()
    {
        await using var engine = await Engine.StartAsync(sf => sf.Stock<User>("premium", u => u.Team!.IsPremium).Facet("team", u => u.Team!.Name));
        await engine.ValidateAsync();
        Assert.Single(engine.Model.Stocks);
    }

    [Fact]
    public async Task Startup_Throws_WhenAnActionOrDecayRuleMovesRowsOfACompositeKey()
    {
        await using var acting = await Engine.StartAsync(sf =>
            sf.Action<LineItem>("close", "Close").On(sf.Stock<LineItem>("open-lines", i => i.Open)).Set((s, _) => s.SetProperty(i => i.Open, false)));
        var action = await Assert.ThrowsAsync<StockAndFlowDefinitionException>(acting.ValidateAsync);
        Assert.Equal(
            "Action 'close' (in DelegateDefinition) moves LineItem rows, and LineItem has a primary key of 2 columns (OrderNo, LineNo). Actions and decay select and move rows by a single-column key: " +
            "give LineItem one (an identity column, say, keeping the columns unique with an index), or leave this entity's stocks without actions and decay.",
            action.Message);

        await using var decaying = await Engine.StartAsync(sf =>
        {
            var (open, closed) = (sf.Stock<LineItem>("open-lines", i => i.Open), sf.Stock<LineItem>("closed-lines", i => !i.Open));
            sf.Flow<LineItem>("closing").From(open).To(closed);
            sf.Decay<LineItem>("lapse").From(open).To(closed).When(i => i.Due, TimeSpan.FromDays(1)).Set(s => s.SetProperty(i => i.Open, false));
        });
        var decay = await Assert.ThrowsAsync<StockAndFlowDefinitionException>(decaying.ValidateAsync);
        Assert.StartsWith("Decay rule 'lapse' (in DelegateDefinition) moves LineItem rows, and LineItem has a primary key of 2 columns (OrderNo, LineNo).", decay.Message, StringComparison.Ordinal);

        // Counting and capture need no single key: the same stocks with a flow and no action start.
        await using var counting = await Engine.StartAsync(sf =>
            sf.Flow<LineItem>("closing").From(sf.Stock<LineItem>("open-lines", i => i.Open)).To(sf.Stock<LineItem>("closed-lines", i => !i.Open)));
        await counting.ValidateAsync();
    }

    private static bool IsLucky(string name) => name.Length == 7;

    private static StockAndFlowDefinitionException Build(Action<StockAndFlowBuilder> define) =>
        Assert.Throws<StockAndFlowDefinitionException>(() => StockAndFlowModel.From([new DelegateDefinition(define)]));
}
