using System.Text.Json;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class StatusReceiptMapperTests
{
    private static readonly GenesysRecipient Customer = new() { Id = "+4915112345678", IdType = GenesysIdType.Phone };

    public static TheoryData<string> ReceiptCases => new(Fixtures.Names("Expected/Receipts"));

    [Theory]
    [MemberData(nameof(ReceiptCases))]
    public void DeliveredAndFailedStatusesBecomeTheExpectedReceipt(string name)
    {
        var status = MetaWebhookReader.Statuses(Fixtures.MetaStatus(name)).Single().Status;

        var receipt = StatusReceiptMapper.ToReceipt(status, "genesys-msg-0001", Customer);

        JsonAssert.Equivalent(Fixtures.Read($"Expected/Receipts/{name}.json"), receipt, GenesysJson.Options);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("read")]
    [InlineData("played")]
    public void StatusesGenesysHasNoReceiptForProduceNone(string name)
    {
        var status = MetaWebhookReader.Statuses(Fixtures.MetaStatus(name)).Single().Status;

        Assert.Null(StatusReceiptMapper.ToReceipt(status, "genesys-msg-0001", Customer));
    }

    [Fact]
    public void CustomerIsTakenFromTheStatusWhenNotGiven()
    {
        var phone = new MetaStatus { Id = "w", Status = "delivered", Timestamp = 1, RecipientId = "4915112345678" };
        var bsuidOnly = new MetaStatus { Id = "w", Status = "delivered", Timestamp = 1, RecipientUserId = "DE.1122334455667788" };

        Assert.Equal(Customer, StatusReceiptMapper.ToReceipt(phone, "g")!.Channel.To);
        Assert.Equal(new GenesysRecipient { Id = "DE.1122334455667788", IdType = GenesysIdType.Opaque },
            StatusReceiptMapper.ToReceipt(bsuidOnly, "g")!.Channel.To);
    }

    [Fact]
    public void StatusesCarryTheGenesysIdWeSentAlong()
    {
        var status = MetaWebhookReader.Statuses(Fixtures.MetaStatus("delivered")).Single().Status;

        Assert.Equal("genesys-msg-0001", status.BizOpaqueCallbackData);
    }

    [Fact]
    public void SynchronousGraphErrorBecomesAFinalFailedReceipt()
    {
        var error = new MetaGraphError
        {
            Code = 131056, Message = "(#131056) (Business Account, Consumer Account) pair rate limit hit",
        };

        var receipt = StatusReceiptMapper.Failed("g-1", Customer, DateTimeOffset.Parse("2026-01-01T12:00:00Z"), error);

        Assert.Equal(GenesysReceiptStatus.Failed, receipt.Status);
        Assert.True(receipt.IsFinalReceipt);
        var reason = Assert.Single(receipt.Reasons!);
        Assert.Equal(GenesysReasonCode.RateLimited, reason.Code);
        Assert.Equal("WhatsApp error 131056: (Business Account, Consumer Account) pair rate limit hit", reason.Message);
    }

    [Fact]
    public void RejectedPlanBecomesAFailedReceiptWithItsReason()
    {
        var reject = CustomerServiceWindow.Check(null, DateTimeOffset.UnixEpoch)!;

        var receipt = StatusReceiptMapper.Failed("g-2", Customer, DateTimeOffset.UnixEpoch, reject.Reason, reject.Message);
        var json = JsonSerializer.Serialize(receipt, GenesysJson.Options);

        Assert.Contains("\"status\":\"Failed\"", json);
        Assert.Contains("\"code\":\"MessageExpired\"", json);
        Assert.Contains("\"time\":\"1970-01-01T00:00:00.000Z\"", json);
    }
}
