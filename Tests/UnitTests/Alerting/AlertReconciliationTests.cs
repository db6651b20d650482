using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>Deduplication and resolution: what one evaluation opens, keeps and resolves.</summary>
public sealed class AlertReconciliationTests
{
    private static AlertCondition Condition(string tenant, string subject, string summary = "s") =>
        new(AlertRules.TokenFailing, tenant, subject, AlertSeverity.Critical, summary);

    private static (string Key, string Subject) Open(AlertCondition condition) => (condition.Key, condition.Subject);

    [Fact]
    public void ANewConditionOpensAPersistingOneContinuesAndAGoneOneResolves()
    {
        var persisting = Condition("t1", "genesys");
        var fresh = Condition("t2", "whatsapp");
        var gone = Condition("t3", "genesys");

        var plan = AlertReconciliation.Plan([Open(persisting), Open(gone)], RuleObservation.Complete([persisting, fresh]));

        Assert.Equal([fresh], plan.ToOpen);
        Assert.Equal([persisting.Key], plan.ToContinue.Select(c => c.Key));
        Assert.Equal([gone.Key], plan.ToResolve);
    }

    [Fact]
    public void TheSameConditionTwiceInOneEvaluationIsOneAlertWithTheLastWords()
    {
        var plan = AlertReconciliation.Plan([], RuleObservation.Complete([Condition("t1", "genesys", "first"), Condition("t1", "genesys", "second")]));

        Assert.Equal("second", Assert.Single(plan.ToOpen).Summary);
    }

    [Fact]
    public void AConditionThatPersistsOpensNothingEvaluationAfterEvaluation()
    {
        var condition = Condition("t1", "genesys");
        for (var i = 0; i < 5; i++)
        {
            var plan = AlertReconciliation.Plan([Open(condition)], RuleObservation.Complete([condition]));
            Assert.Empty(plan.ToOpen);
            Assert.Empty(plan.ToResolve);
        }
    }

    [Fact]
    public void AnOpenAlertOnASubjectTheRuleCouldNotReadStaysWhileTheOthersAreJudged()
    {
        // Two tenants' alerts on a queue that could not be read this time, one on a queue that was read and is empty now.
        var unreadQueue = Condition("t1", "wa-inbound.dlq");
        var unreadQueueOtherTenant = Condition("t2", "wa-inbound.dlq");
        var emptiedQueue = Condition("t1", "wa-outbound.dlq");
        var observation = new RuleObservation([], new Dictionary<string, string> { ["wa-inbound.dlq"] = "held by another reader" });

        var plan = AlertReconciliation.Plan([Open(unreadQueue), Open(unreadQueueOtherTenant), Open(emptiedQueue)], observation);

        Assert.Empty(plan.ToOpen);
        Assert.Empty(plan.ToContinue);
        Assert.Equal([emptiedQueue.Key], plan.ToResolve);
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
