using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>Deduplication and resolution: what one evaluation opens, keeps and resolves.</summary>
public sealed class AlertReconciliationTests
{
    private static AlertCondition Condition(string tenant, string subject, string summary = "s") =>
        new(AlertRules.TokenFailing, tenant, subject, AlertSeverity.Critical, summary);

    [Fact]
    public void ANewConditionOpensAPersistingOneContinuesAndAGoneOneResolves()
    {
        var persisting = Condition("t1", "genesys");
        var fresh = Condition("t2", "whatsapp");
        var gone = Condition("t3", "genesys");

        var plan = AlertReconciliation.Plan([persisting.Key, gone.Key], [persisting, fresh]);

        Assert.Equal([fresh], plan.ToOpen);
        Assert.Equal([persisting.Key], plan.ToContinue.Select(c => c.Key));
        Assert.Equal([gone.Key], plan.ToResolve);
    }

    [Fact]
    public void TheSameConditionTwiceInOneEvaluationIsOneAlertWithTheLastWords()
    {
        var plan = AlertReconciliation.Plan([], [Condition("t1", "genesys", "first"), Condition("t1", "genesys", "second")]);

        Assert.Equal("second", Assert.Single(plan.ToOpen).Summary);
    }

    [Fact]
    public void AConditionThatPersistsOpensNothingEvaluationAfterEvaluation()
    {
        var condition = Condition("t1", "genesys");
        for (var i = 0; i < 5; i++)
        {
            var plan = AlertReconciliation.Plan([condition.Key], [condition]);
            Assert.Empty(plan.ToOpen);
            Assert.Empty(plan.ToResolve);
        }
    }

    [Fact]
    public void TheKeyTellsTenantsAndSubjectsApart()
    {
        Assert.NotEqual(Condition("t1", "genesys").Key, Condition("t2", "genesys").Key);
        Assert.NotEqual(Condition("t1", "genesys").Key, Condition("t1", "whatsapp").Key);
        Assert.NotEqual(Condition("t1", "genesys").Key,
            new AlertCondition(AlertRules.SendErrorRate, "t1", "genesys", AlertSeverity.Critical, "s").Key);
    }
}
