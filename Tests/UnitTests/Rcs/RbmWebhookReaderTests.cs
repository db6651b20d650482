using System.Text;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.RcsApi.Webhooks;

namespace WhatsAppGenesys.UnitTests.Rcs;

/// <summary>rcs-api's reading of RBM webhooks (Pub/Sub push or bare) and its check of X-Goog-Signature.</summary>
public sealed class RbmWebhookReaderTests
{
    private const string Message = """{"senderPhoneNumber":"+447700900123","messageId":"MxAbC","sendTime":"2026-12-05T10:00:00.123456Z","agentId":"sandbox_agent@rbm.goog","text":"hi"}""";
    private const string Delivered = """{"senderPhoneNumber":"+447700900123","eventType":"DELIVERED","eventId":"MsXyZ","messageId":"0b8f","sendTime":"2026-12-05T10:00:01Z","agentId":"sandbox_agent@rbm.goog"}""";

    private static byte[] PubSub(string userEvent) => Encoding.UTF8.GetBytes(
        $$"""{"message":{"data":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(userEvent))}}","messageId":"1","publishTime":"2026-12-05T10:00:00Z"},"subscription":"projects/rbm-x/subscriptions/rbm-agent-subscription"}""");

    [Fact]
    public void APubSubPushIsReadFromItsDecodedDataWhichIsWhatIsSigned()
    {
        var (webhook, problem) = RbmWebhookReader.Read(PubSub(Message));

        Assert.Null(problem);
        Assert.Equal(Message, Encoding.UTF8.GetString(webhook!.SignedBytes));
        Assert.Equal(("sandbox_agent", "+447700900123", RcsEventReceived.MessageKind, "MxAbC"), (webhook.AgentId, webhook.Msisdn, webhook.Kind, webhook.Id));
        Assert.Equal("rcs:+447700900123", webhook.CustomerId);
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), webhook.SendTime);
    }

    [Fact]
    public void ABareEventIsItsOwnSignedBytesAndAnEventIsKeyedByItsEventId()
    {
        var body = Encoding.UTF8.GetBytes(Delivered);

        var (webhook, _) = RbmWebhookReader.Read(body);

        Assert.Equal(body, webhook!.SignedBytes);
        Assert.Equal((RcsEventReceived.EventKind, "MsXyZ"), (webhook.Kind, webhook.Id));
    }

    [Theory]
    [InlineData("""{"message":{"messageId":"1"}}""", "The Pub/Sub message has no data")]
    [InlineData("""{"message":{"data":"%%%"}}""", "The Pub/Sub message data is not Base64")]
    [InlineData("""[1]""", "The body is not a JSON object")]
    [InlineData("""{"messageId":"M","agentId":"a","text":"x"}""", "The user event has no senderPhoneNumber in E.164")]
    [InlineData("""{"senderPhoneNumber":"447700900123","messageId":"M","agentId":"a","text":"x"}""", "The user event has no senderPhoneNumber in E.164")]
    [InlineData("""{"senderPhoneNumber":"+447700900123","messageId":"M","text":"x"}""", "The user event names no agentId")]
    [InlineData("""{"senderPhoneNumber":"+447700900123","agentId":"a","text":"x"}""", "The user message has no messageId")]
    [InlineData("""{"senderPhoneNumber":"+447700900123","agentId":"a","eventType":"READ"}""", "The user event has no eventId")]
    public void WhatIsNotAnRbmWebhookIsSaidWhy(string body, string problem)
    {
        Assert.Equal((null, problem), RbmWebhookReader.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void AnEnvelopeWhoseDataIsNotJsonIsAJsonError()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RbmWebhookReader.Read(PubSub("not json")));
    }

    [Fact]
    public void TheSignatureIsHmacSha512OfTheEventWithTheClientTokenInBase64()
    {
        var userEvent = Encoding.UTF8.GetBytes(Message);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA512.HashData(Encoding.UTF8.GetBytes("client-token"), userEvent));

        Assert.Equal(expected, RbmWebhookSignature.Sign(userEvent, "client-token"));
        Assert.True(RbmWebhookSignature.IsWellFormed(expected));
        Assert.True(RbmWebhookSignature.Verify(userEvent, expected, "client-token"));
        Assert.False(RbmWebhookSignature.Verify(userEvent, expected, "another-token"));
        Assert.False(RbmWebhookSignature.Verify(Encoding.UTF8.GetBytes(Message + " "), expected, "client-token"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=abc")]
    [InlineData("AAAA")]
    public void AHeaderThatCannotBeASignatureIsRefusedBeforeAnyWork(string? header)
    {
        Assert.False(RbmWebhookSignature.IsWellFormed(header));
        Assert.False(RbmWebhookSignature.Verify(Encoding.UTF8.GetBytes(Message), header, "client-token"));
    }
}
