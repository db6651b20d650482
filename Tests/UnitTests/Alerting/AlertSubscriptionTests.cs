using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Subscriptions;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>What a subscription may be, its secret at rest, and the signature a receiver checks.</summary>
public sealed class AlertSubscriptionTests
{
    private static readonly SubscriptionSecrets Secrets = new(Options.Create(new SubscriptionEncryptionOptions
    {
        Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
    }));

    public static TheoryData<string, string, string?, string?, bool> Requests => new()
    {
        { "webhook", "https://ops.example.com/alerts", null, null, true },
        { "webhook", "http://127.0.0.1:9000/alerts", "a-secret-of-sixteen+", "critical", true },
        { "webhook", "ftp://ops.example.com/alerts", null, null, false },
        { "webhook", "/relative", null, null, false },
        { "webhook", "https://ops.example.com/alerts", "short", null, false },
        { "email", "ops@example.com", null, "warning", true },
        { "email", "not an address", null, null, false },
        { "sms", "+15550001111", null, null, false },
        { "email", "ops@example.com", null, "info", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void RequestsAreValidatedBeforeAnythingIsStored(string channel, string target, string? secret, string? severity, bool valid) =>
        Assert.Equal(valid, SubscriptionsApi.Validate(new AlertSubscriptionRequest(channel, target, secret, severity)) is null);

    [Fact]
    public void AWebhookSecretIsStoredEncryptedAndOnlyItsOwnSubscriptionDecryptsIt()
    {
        var row = Row();
        Secrets.Protect(row, "the-subscribers-secret");

        Assert.DoesNotContain("the-subscribers-secret", System.Text.Encoding.UTF8.GetString(row.SecretCiphertext!), StringComparison.Ordinal);
        Assert.Equal("the-subscribers-secret", Secrets.Reveal(row));
        var copied = Row();
        copied.SecretCiphertext = row.SecretCiphertext;
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Secrets.Reveal(copied));
    }

    [Fact]
    public void TheSignatureIsTheHmacOfTheExactBody()
    {
        var body = """{"event":"alert.opened"}"""u8.ToArray();
        var signature = AlertSignature.Sign(body, "secret-one-secret-one");

        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(AlertSignature.Verify(body, signature, "secret-one-secret-one"));
        Assert.False(AlertSignature.Verify(body, signature, "secret-two-secret-two"));
        Assert.False(AlertSignature.Verify("""{"event":"alert.resolved"}"""u8.ToArray(), signature, "secret-one-secret-one"));
        Assert.False(AlertSignature.Verify(body, null, "secret-one-secret-one"));
    }

    private static AlertSubscriptionRow Row() => new()
    {
        Id = Guid.NewGuid(), TenantId = "t1", Channel = AlertChannels.Webhook, Target = "https://ops.example.com", MinimumSeverity = AlertSeverity.Warning,
    };
}
