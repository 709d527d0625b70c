using StockAndFlow.Decay;
using StockAndFlow.Definitions;

namespace StockAndFlow.Admin.Reading;

/// <summary>The decay rules with what each would move now and whether it is paused, for the jobs page.</summary>
public sealed class DecayReader(StockAndFlowModel model, DecayRunner decay, AdminDatabase database)
{
    /// <summary>Every decay rule of the model, in declaration order.</summary>
    public async Task<IReadOnlyList<DecayRuleRow>> RulesAsync(CancellationToken cancellationToken)
    {
        var rules = new List<DecayRuleRow>();
        foreach (var rule in model.DecayRules)
        {
            rules.Add(new DecayRuleRow(rule, await decay.PreviewAsync(database.Context, rule, cancellationToken), await decay.IsPausedAsync(database.Context, rule, cancellationToken)));
        }

        return rules;
    }
}

/// <summary>A decay rule: what it moves, how many it would move now, and whether it is paused.</summary>
public sealed record DecayRuleRow(DecayRule Rule, int Preview, bool IsPaused)
{
    /// <summary>The timestamp column the rule ages by, e.g. <c>LastContactedAt</c>.</summary>
    public string? AgeColumn => Rule.Age?.Body is System.Linq.Expressions.MemberExpression member ? member.Member.Name : null;
}
