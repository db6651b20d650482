using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Delivery;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>Which Meta statuses of an agent's message become which Genesys receipts.</summary>
public class StatusReceiptsTests
{
    private readonly FakeServices _genesys = new();
    private readonly StatusReceipts _receipts;

    public StatusReceiptsTests()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        _receipts = new StatusReceipts(new GenesysApiClient(new HttpClient(_genesys) { BaseAddress = new Uri("http://genesys-api") }),
            new ReceiptMetrics(meters));
    }

    [Theory]
    [InlineData("delivered", MessageStatus.Sent, "Delivered")]
    [InlineData("read", MessageStatus.Sent, "Delivered")]
    [InlineData("read", MessageStatus.Delivered, null)]
    [InlineData("sent", MessageStatus.Received, null)]
    [InlineData("failed", MessageStatus.Sent, "Failed")]
    public async Task AgentMessagesGetDeliveredAndFailedReceiptsOnly(string status, string ledgerStatus, string? receipt)
    {
        await _receipts.ForwardAsync("demo", Status(status), Tracked("g1", ledgerStatus), TestContext.Current.CancellationToken);

        Assert.Equal(receipt is null ? [] : [receipt], _genesys.Receipts.Select(r => r["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FailedStatusCarriesTheMappedReasonAndMetasWords()
    {
        var failed = Status("failed") with
        {
            Errors = [new MetaError { Code = 131026, Title = "Message undeliverable", ErrorData = new MetaErrorData { Details = "Not on WhatsApp" } }],
        };

        await _receipts.ForwardAsync("demo", failed, Tracked("g2", MessageStatus.Sent), TestContext.Current.CancellationToken);

        var receipt = Assert.Single(_genesys.Receipts);
        Assert.Equal("g2", receipt["id"]!.GetValue<string>());
        Assert.Equal("InvalidDestination", receipt["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("Not on WhatsApp", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.True(receipt["isFinalReceipt"]!.GetValue<bool>());
        Assert.Equal("+15551234567", receipt["channel"]!["to"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyTheFirstPartOfASplitMessageReportsDeliveryButAnyPartReportsFailure()
    {
        await _receipts.ForwardAsync("demo", Status("delivered"), Tracked("g3", MessageStatus.Sent, messageId: "g3#2"), TestContext.Current.CancellationToken);
        Assert.Empty(_genesys.Receipts);

        await _receipts.ForwardAsync("demo", Status("failed"), Tracked("g3", MessageStatus.Sent, messageId: "g3#2"), TestContext.Current.CancellationToken);
        Assert.Equal("g3", Assert.Single(_genesys.Receipts)["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task MessagesThatDidNotComeFromGenesysGetNoReceipt()
    {
        await _receipts.ForwardAsync("demo", Status("delivered"), Tracked(null, MessageStatus.Sent, messageId: "wamid.api"), TestContext.Current.CancellationToken);

        Assert.Empty(_genesys.Calls);
    }

    private static MetaStatus Status(string status) => new()
    {
        Id = "wamid.sent", Status = status, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), RecipientId = "15551234567",
    };

    private static TrackedMessage Tracked(string? genesysId, string status, string? messageId = null) => new(
        "demo", MessageDirection.Outbound, messageId ?? genesysId!, "15551234567", Guid.NewGuid(), status, "wamid.sent", genesysId,
        null, DateTimeOffset.UtcNow.AddSeconds(-2), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
