using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.OutboundTransformer.Delivery;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>The handler's decisions for an RCS customer (<c>rcs:+E.164</c>): the same ledger, receipts and retries, another channel.</summary>
public partial class OutboundEventHandlerTests
{
    private const string RcsCustomer = "rcs:+14155550100";

    [Fact]
    public async Task AnRcsCustomersFirstMessageOpensTheConversationGoesOutOverRcsAndKeepsRbmsIdEvenWithoutWhatsApp()
    {
        _tenants.Tenant = _tenants.Tenant with { WhatsApp = null };
        _services.Mapping = null;
        var handler = CreateHandler();
        var message = RcsText("r1", "Hello over RCS");

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(1), TestContext.Current.CancellationToken));
        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(1, redelivery: true), TestContext.Current.CancellationToken));

        var send = Assert.Single(_services.RcsSends);
        Assert.Equal(("genesys:r1", "+14155550100", "Hello over RCS"),
            (send["idempotencyKey"]!.GetValue<string>(), send["to"]!.GetValue<string>(), send["text"]!.GetValue<string>()));
        Assert.Empty(_services.WhatsAppSends);
        Assert.Empty(_services.MarkedRead);
        var mapping = _services.Mapping!;
        Assert.Equal((RcsCustomer, null, null, null), (mapping.CustomerId, mapping.WaId, mapping.Bsuid, mapping.PhoneNumberId));
        var row = _services.Ledger("r1")!;
        Assert.Equal((MessageStatus.Sent, RcsCustomer), (row.Status, row.CustomerId));
        Assert.True(Guid.TryParse(row.WhatsAppMessageId, out _), "RBM's message id is the row's provider message id");
        var recorded = Assert.Single(_history.Messages);
        Assert.Equal((row.WhatsAppMessageId, "r1", "text", "Hello over RCS", RcsCustomer, null),
            (recorded.MessageId, recorded.GenesysMessageId, recorded.Type, recorded.Text, recorded.CustomerId, recorded.PhoneNumberId));
    }

    [Fact]
    public async Task ANumberRcsCannotReachIsAFailedReceiptAtOnceAndNotRetried()
    {
        _services.NextRcsSendFails(new ProviderError(ProviderNames.Rcs, 404, "NOT_RCS_CAPABLE",
            "+14155550100 is not reachable over RCS (the provider answered NOT_FOUND: Requested entity was not found.)", false, ReceiptReason: "InvalidDestination"));
        var handler = CreateHandler();

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(RcsText("r2", "Hi"), Context(1), TestContext.Current.CancellationToken));

        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal(("r2", "Failed", "InvalidDestination", RcsCustomer),
            (receipt["id"]!.GetValue<string>(), receipt["status"]!.GetValue<string>(), receipt["reasons"]![0]!["code"]!.GetValue<string>(),
                receipt["channel"]!["to"]!["id"]!.GetValue<string>()));
        Assert.Contains("not reachable over RCS", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Failed, _services.Ledger("r2")!.Status);
        Assert.Single(_services.RcsSends);
    }

    [Fact]
    public async Task AThrottledRcsSendBacksOffLikeWhatsAppsAndTheLastAttemptTellsTheAgent()
    {
        var throttled = new ProviderError(ProviderNames.Rcs, 429, "RESOURCE_EXHAUSTED", "Quota exceeded", true, 1, "RateLimited");
        _services.NextRcsSendFails(throttled);
        _services.NextRcsSendFails(throttled);
        var handler = CreateHandler();

        var retried = await handler.HandleAsync(RcsText("r3", "Hi"), Context(3), TestContext.Current.CancellationToken);
        Assert.Equal((OutcomeKind.Retry, TimeSpan.FromSeconds(8)), (retried.Kind, retried.RetryAfter));
        Assert.Empty(_services.Receipts);

        var last = await handler.HandleAsync(RcsText("r3", "Hi"), Context(MaxAttempts, redelivery: true), TestContext.Current.CancellationToken);
        Assert.Equal(OutcomeKind.Retry, last.Kind);
        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal("RateLimited", receipt["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Received, _services.Ledger("r3")!.Status);
    }

    [Fact]
    public async Task ATenantWithoutRcsTellsTheAgentWhyAndSendsNothing()
    {
        _tenants.Tenant = _tenants.Tenant with { Rcs = null };
        var handler = CreateHandler();

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(RcsText("r4", "Hi"), Context(1), TestContext.Current.CancellationToken));

        Assert.Empty(_services.RcsSends);
        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal("GeneralError", receipt["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("no RCS agent configured", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Failed, _services.Ledger("r4")!.Status);
    }

    [Fact]
    public async Task TypingForAnRcsCustomerShowsTheAgentTypingOnThePhone()
    {
        var handler = CreateHandler();
        _services.Mapping = null;
        await handler.HandleAsync(RcsText("t1", "Let me check"), Context(1), TestContext.Current.CancellationToken);
        var typing = Rcs(Received("t2", "Event", new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject { ["eventType"] = "Typing", ["typing"] = new JsonObject { ["type"] = "On" } }),
        }));

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(typing, Context(1), TestContext.Current.CancellationToken));

        var shown = Assert.Single(_services.RcsEvents);
        Assert.Equal(("+14155550100", "IS_TYPING"), (shown["to"]!.GetValue<string>(), shown["eventType"]!.GetValue<string>()));
        Assert.DoesNotContain(_services.Calls, c => c.Service == "whatsapp-api");
    }

    [Fact]
    public async Task TheAgentsAnswerMarksTheCustomersLastRcsMessageReadOnce()
    {
        var handler = CreateHandler();
        _services.Mapping = new ConversationMapping("demo", RcsCustomer, Guid.NewGuid(), null, null, null, null, null,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "MxCustomer1");

        await handler.HandleAsync(RcsText("m1", "First answer"), Context(1), TestContext.Current.CancellationToken);
        await handler.HandleAsync(RcsText("m2", "Second answer"), Context(1), TestContext.Current.CancellationToken);

        var read = Assert.Single(_services.RcsEvents);
        Assert.Equal(("+14155550100", "READ", "MxCustomer1"),
            (read["to"]!.GetValue<string>(), read["eventType"]!.GetValue<string>(), read["messageId"]!.GetValue<string>()));
        Assert.Equal(2, _services.RcsSends.Count());
    }

    private static GenesysEventReceived RcsText(string id, string text) => Rcs(AgentText(id, text));

    /// <summary>The same agent message, to an RCS customer: Genesys echoes the id we gave it (<c>rcs:+E.164</c>).</summary>
    private static GenesysEventReceived Rcs(GenesysEventReceived received)
    {
        var payload = JsonNode.Parse(received.Payload.GetRawText())!;
        payload["channel"]!["to"] = new JsonObject { ["id"] = RcsCustomer };
        return received with { CustomerId = RcsCustomer, Payload = JsonSerializer.SerializeToElement(payload) };
    }
}
