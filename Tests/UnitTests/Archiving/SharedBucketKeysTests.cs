using WhatsAppGenesys.Clients.Archiving;

namespace WhatsAppGenesys.UnitTests.Archiving;

/// <summary>WhatsApp's and RCS's webhooks share webhooks-inbound; each receiver's range replay takes only its own.</summary>
public sealed class SharedBucketKeysTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzQTdCMjM0RjA1NkE1RTFFRDM2MwA=")]
    [InlineData("webhook")]
    public void AWhatsAppWebhooksKeyIsWhatsApps(string id)
    {
        var key = WebhookArchive.Key("demo", At, id);

        Assert.True(SharedBucketKeys.IsWhatsApp(key));
        Assert.False(SharedBucketKeys.IsRcs(key));
    }

    [Theory]
    [InlineData("MxAbCdEf123")]
    [InlineData("MsXyZ-delivered")]
    public void AnRcsWebhooksKeyIsRcss(string id)
    {
        var key = WebhookArchive.Key("demo", At, SharedBucketKeys.RcsIdPrefix + id);

        Assert.True(SharedBucketKeys.IsRcs(key));
        Assert.False(SharedBucketKeys.IsWhatsApp(key));
        Assert.Equal(At.ToUnixTimeMilliseconds(), ArchiveRange.TimeOf(key));
    }
}
