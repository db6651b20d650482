using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Minio;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.OutboundTransformer.Channels;
using WhatsAppGenesys.OutboundTransformer.Channels.Rcs;
using WhatsAppGenesys.OutboundTransformer.Channels.WhatsApp;
using WhatsAppGenesys.OutboundTransformer.Delivery;
using WhatsAppGenesys.OutboundTransformer.Media;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>
/// The outbound handler's decisions against faked internal services: what it sends, what it tells the agent, and
/// what it hands back to the pipeline (retry, dead letter) — the cases the sandboxes cannot stage cheaply.
/// </summary>
public partial class OutboundEventHandlerTests
{
    private const string Customer = "15551234567";
    private const string CustomerWamid = "wamid.customer-last";
    private readonly FakeServices _services = new()
    {
        Mapping = new ConversationMapping("demo", Customer, Guid.NewGuid(), Customer, null, "Ada", "106540352242922", "genesys-conversation",
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-5), CustomerWamid),
    };
    private readonly PipelineRegistry _pipelines = new();
    private readonly RecordingHistory _history = new();
    private readonly DemoTenant _tenants = new();

    public OutboundEventHandlerTests() => _pipelines.GetOrAdd(Pipelines.Outbound, new ConfigurationBuilder().Build(), null, out _);

    private int MaxAttempts => _pipelines.Get(Pipelines.Outbound).MaxAttempts;

    [Fact]
    public async Task TextIsSentOnceRecordedWithItsWamidAndTheCustomersMessageMarkedRead()
    {
        var handler = CreateHandler();
        var message = AgentText("a1", "Hello from the agent");

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(1), TestContext.Current.CancellationToken));
        // Genesys's webhook retry, or our own redelivery after a crash.
        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(1, redelivery: true), TestContext.Current.CancellationToken));

        var send = Assert.Single(_services.WhatsAppSends);
        Assert.Equal("genesys:a1", send["idempotencyKey"]!.GetValue<string>());
        Assert.Equal("Hello from the agent", send["body"]!["text"]!["body"]!.GetValue<string>());
        Assert.Equal("106540352242922", send["phoneNumberId"]!.GetValue<string>());
        var row = _services.Ledger("a1")!;
        Assert.Equal((MessageStatus.Sent, "wamid.1", "a1"), (row.Status, row.WhatsAppMessageId, row.GenesysMessageId));
        Assert.Equal([CustomerWamid], _services.MarkedRead);
        Assert.Empty(_services.Receipts);
        // The history got the message once, under its wamid, with what the customer actually received.
        var recorded = Assert.Single(_history.Messages);
        Assert.Equal(("wamid.1", "a1", "text", "Hello from the agent", "outbound"),
            (recorded.MessageId, recorded.GenesysMessageId, recorded.Type, recorded.Text, recorded.Direction));
    }

    [Fact]
    public async Task ReplyOutsideTheWindowSendsNothingAndTellsTheAgentATemplateIsNeeded()
    {
        _services.Mapping = _services.Mapping! with { LastInboundAt = DateTimeOffset.UtcNow.AddHours(-30) };
        var handler = CreateHandler();

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(AgentText("a2", "Late answer"), Context(1), TestContext.Current.CancellationToken));

        Assert.Empty(_services.WhatsAppSends);
        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal(("a2", "Failed", true), (receipt["id"]!.GetValue<string>(), receipt["status"]!.GetValue<string>(), receipt["isFinalReceipt"]!.GetValue<bool>()));
        Assert.Equal("MessageExpired", receipt["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("template", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("+" + Customer, receipt["channel"]!["to"]!["id"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Failed, _services.Ledger("a2")!.Status);
    }

    [Fact]
    public async Task NonRetryableMetaErrorBecomesAFailedReceiptWithItsReasonAtOnce()
    {
        _services.NextSendFails(new ProviderError(ProviderNames.Meta, 400, "131026", "WhatsApp error 131026: Message undeliverable", false,
            ReceiptReason: "InvalidDestination"));
        var handler = CreateHandler();

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(AgentText("a3", "Hi"), Context(1), TestContext.Current.CancellationToken));

        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal("InvalidDestination", receipt["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("WhatsApp error 131026: Message undeliverable", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(MessageStatus.Failed, _services.Ledger("a3")!.Status);
        Assert.Empty(_services.MarkedRead);
    }

    [Fact]
    public async Task ThrottledSendIsRetriedWithABackOffAndTheAgentHearsNothingYet()
    {
        _services.NextSendFails(Throttled());
        var handler = CreateHandler();

        var outcome = await handler.HandleAsync(AgentText("a4", "Hi"), Context(3), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(8), outcome.RetryAfter);
        Assert.Contains("130429", outcome.Reason);
        Assert.Empty(_services.Receipts);
        Assert.Equal(MessageStatus.Received, _services.Ledger("a4")!.Status);
    }

    [Fact]
    public async Task LastAttemptTellsTheAgentThenGoesToTheDeadLetterQueueStillReplayable()
    {
        _services.NextSendFails(Throttled());
        var handler = CreateHandler();

        var outcome = await handler.HandleAsync(AgentText("a5", "Hi"), Context(MaxAttempts), TestContext.Current.CancellationToken);

        // Retry on the last attempt is what sends the message to the dead-letter queue.
        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        var receipt = Assert.Single(_services.Receipts);
        Assert.Equal(("Failed", "RateLimited"), (receipt["status"]!.GetValue<string>(), receipt["reasons"]![0]!["code"]!.GetValue<string>()));
        Assert.Contains($"after {MaxAttempts} attempts", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        // Not marked failed: replaying the dead letter must send it rather than skip it as done.
        var row = _services.Ledger("a5")!;
        Assert.Equal(MessageStatus.Received, row.Status);
        Assert.Contains("130429", row.StatusReason);
        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(AgentText("a5", "Hi"), Context(1, redelivery: true), TestContext.Current.CancellationToken));
        Assert.Equal(2, _services.WhatsAppSends.Count());
    }

    [Fact]
    public async Task ASplitMessageResumedAfterAFailureSendsOnlyWhatIsMissingUnderTheSameKeys()
    {
        var handler = CreateHandler();
        var message = AgentText("a6", string.Join(' ', Enumerable.Repeat("word", 1200)));
        // More than 4096 characters: two WhatsApp messages. The first is accepted, the second throttled.
        _services.NextSendSucceeds();
        _services.NextSendFails(Throttled());
        Assert.Equal(OutcomeKind.Retry, (await handler.HandleAsync(message, Context(1), TestContext.Current.CancellationToken)).Kind);
        Assert.Equal(MessageStatus.Received, _services.Ledger("a6")!.Status);

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(2, redelivery: true), TestContext.Current.CancellationToken));

        // The first part goes to the WhatsApp API again under its key, which answers with the wamid it already has.
        Assert.Equal(["genesys:a6", "genesys:a6#2", "genesys:a6", "genesys:a6#2"],
            _services.WhatsAppSends.Select(s => s["idempotencyKey"]!.GetValue<string>()));
        Assert.Equal(MessageStatus.Sent, _services.Ledger("a6")!.Status);
        Assert.Equal("a6", _services.Ledger("a6#2")!.GenesysMessageId);
        Assert.NotNull(_services.Ledger("a6#2")!.WhatsAppMessageId);

        // Once complete, a further redelivery sends nothing at all.
        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(message, Context(1, redelivery: true), TestContext.Current.CancellationToken));
        Assert.Equal(4, _services.WhatsAppSends.Count());
        // The history heard nothing while a part was missing, then both parts once, each under its own wamid.
        Assert.Equal(["a6", "a6#2"], _history.Messages.Select(m => m.GenesysMessageId));
        Assert.Equal(2, _history.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(_services.Ledger("a6#2")!.WhatsAppMessageId, _history.Messages[1].MessageId);
    }

    [Fact]
    public async Task ATemplateGoesToTheHistoryWithItsNameLanguageParametersAndRenderedBody()
    {
        var handler = CreateHandler();
        var template = Received("a7", "Structured", new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "Notification",
                ["template"] = new JsonObject
                {
                    ["id"] = "ns@order_update",
                    ["language"] = "es_MX",
                    ["body"] = new JsonObject
                    {
                        ["text"] = "Your order 8841 has shipped",
                        ["parameters"] = new JsonArray(new JsonObject { ["name"] = "1", ["text"] = "8841" }),
                    },
                },
            }),
        });

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(template, Context(1), TestContext.Current.CancellationToken));

        var recorded = Assert.Single(_history.Messages);
        Assert.Equal(("template", "order_update", "es_MX", "Your order 8841 has shipped"),
            (recorded.Type, recorded.Template!.Name, recorded.Template.Language, recorded.Text));
        Assert.Equal(["8841"], recorded.Template.Parameters);
        Assert.Equal(DemoTenant.IntegrationId, recorded.AgentId);
    }

    [Fact]
    public async Task TypingMarksTheLastCustomerMessageReadWithTheIndicatorAndIsNeverRecorded()
    {
        var handler = CreateHandler();
        var typing = Received("t1", "Event", new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject { ["eventType"] = "Typing", ["typing"] = new JsonObject { ["type"] = "On" } }),
        });

        Assert.Equal(MessageOutcome.Success, await handler.HandleAsync(typing, Context(1), TestContext.Current.CancellationToken));

        var read = Assert.Single(_services.Calls, c => c.Path == "/whatsapp/messages/read").Body!;
        Assert.Equal((CustomerWamid, true), (read["messageId"]!.GetValue<string>(), read["typingIndicator"]!.GetValue<bool>()));
        Assert.Empty(_services.WhatsAppSends);
        Assert.Null(_services.Ledger("t1"));
    }

    [Theory]
    [InlineData("130429", 1, null, 2)]
    [InlineData("130429", 3, null, 8)]
    [InlineData("131056", 9, null, 60)]
    [InlineData("80007", 1, 30.0, 30)]
    public void ThrottlesBackOffExponentiallyOrByMetasRetryAfter(string code, int attempt, double? retryAfter, int expectedSeconds)
    {
        var error = new ProviderError(ProviderNames.Meta, 400, code, "throttled", true, retryAfter);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboundBackoff.For(error, attempt));
    }

    [Fact]
    public void OtherRetryableErrorsLeaveTheBackOffToThePipelineUnlessTheyCarryAHint()
    {
        Assert.Null(OutboundBackoff.For(new ProviderError(ProviderNames.Meta, 500, "131000", "oops", true), 1));
        Assert.Equal(TimeSpan.FromSeconds(0.4), OutboundBackoff.For(
            new ProviderError(ProviderNames.Meta, 429, "rate.limited.locally", "slow down", true, 0.4), 1));
    }

    private static ProviderError Throttled() =>
        new(ProviderNames.Meta, 400, "130429", "WhatsApp error 130429: Rate limit hit", true, ReceiptReason: "RateLimited");

    private OutboundEventHandler CreateHandler()
    {
        HttpClient Client(string host) => new(_services, disposeHandler: false) { BaseAddress = new Uri($"http://{host}") };
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var metrics = new OutboundMetrics(meters);
        var state = new StateManagerClient(Client("state-manager"));
        var failures = new FailureReceipts(new GenesysApiClient(Client("genesys-api")), state, metrics, TimeProvider.System,
            NullLogger<FailureReceipts>.Instance);
        var tokens = new GenesysTokenProvider(new NoHttpClients(), Options.Create(new TokenProviderOptions()), TimeProvider.System,
            NullLogger<GenesysTokenProvider>.Instance);
        var media = new OutboundMediaStore(Client("genesys-downloads"), new MinioClient().WithEndpoint("127.0.0.1", 9).WithCredentials("k", "s").Build(),
            tokens, Options.Create(new OutboundMediaOptions()), TimeProvider.System, NullLogger<OutboundMediaStore>.Instance);
        var channels = new OutboundChannels(
            new WhatsAppChannel(new WhatsAppApiClient(Client("whatsapp-api")), media, new ReadMarkers(), TimeProvider.System, NullLogger<WhatsAppChannel>.Instance),
            new RcsChannel(new RcsApiClient(Client("rcs-api")), media, new ReadMarkers(), NullLogger<RcsChannel>.Instance));
        var outcomes = new DeliveryOutcomes(failures, _pipelines, metrics, NullLogger<DeliveryOutcomes>.Instance);
        return new OutboundEventHandler(_tenants, state, channels, outcomes, _history, metrics, TimeProvider.System,
            NullLogger<OutboundEventHandler>.Instance);
    }

    private static GenesysEventReceived AgentText(string id, string text) => Received(id, "Text", new JsonObject { ["text"] = text });

    private static GenesysEventReceived Received(string id, string type, JsonObject content)
    {
        var payload = new JsonObject
        {
            ["id"] = id,
            ["channel"] = new JsonObject
            {
                ["id"] = DemoTenant.IntegrationId,
                ["platform"] = "Open",
                ["type"] = "Private",
                ["to"] = new JsonObject { ["id"] = "+" + Customer, ["idType"] = "Phone" },
                ["from"] = new JsonObject { ["id"] = DemoTenant.IntegrationId, ["idType"] = "Opaque" },
                ["time"] = DateTimeOffset.UtcNow.ToString("O"),
            },
            ["type"] = type,
            ["direction"] = "Outbound",
        };
        foreach (var (name, value) in content)
        {
            payload[name] = value?.DeepClone();
        }
        return new GenesysEventReceived(id, type, "demo", DemoTenant.IntegrationId, "genesys-conversation", "+" + Customer,
            JsonSerializer.SerializeToElement(payload), DateTimeOffset.UtcNow, null);
    }

    private static MessageContext Context(int attempt, bool redelivery = false) => new()
    {
        Pipeline = Pipelines.Outbound,
        Partition = 0,
        MessageId = "m",
        OrderingKey = $"demo:+{Customer}",
        Type = "Text",
        Attempt = attempt,
        FirstSeen = DateTimeOffset.UtcNow,
        IsRedelivery = redelivery,
        Body = ReadOnlyMemory<byte>.Empty,
    };

    private sealed class DemoTenant : ITenantDirectory
    {
        public const string IntegrationId = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92";

        public TenantResolution Tenant { get; set; } = new("demo", "Demo", true, 1,
            new WhatsAppSettings("102290129340398", ["106540352242922"], "+15550783881", "v23.0"),
            new GenesysSettings("mypurecloud.com", "client", IntegrationId),
            new RcsSettings("demo_agent", "demo-rcs-client"));

        public ValueTask<TenantResolution?> FindByIdAsync(string tenantId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(tenantId == "demo" ? Tenant : null);

        public ValueTask<TenantResolution?> FindByPhoneNumberIdAsync(string phoneNumberId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<TenantResolution?>(null);

        public ValueTask<TenantResolution?> FindByRcsAgentIdAsync(string agentId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<TenantResolution?>(null);

        public ValueTask<TenantResolution?> FindByIntegrationIdAsync(string integrationId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<TenantResolution?>(null);
    }

    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No token is needed in these tests.");
    }

    /// <summary>Keeps what the handler published to the history pipeline.</summary>
    private sealed class RecordingHistory : IConversationHistoryPublisher
    {
        public List<ConversationMessageRecorded> Messages { get; } = [];

        public Task PublishAsync(ConversationMessageRecorded message, CancellationToken cancellationToken)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }

        public Task PublishAsync(ConversationMessageStatusChanged status, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
