using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.PortalService.Storage;

namespace WhatsAppGenesys.UnitTests.Storage;

/// <summary>Which key expires when: the day in the key, the tenant's retention, its history retention and holds.</summary>
public class ObjectExpiryTests
{
    private static readonly DateOnly Today = new(2026, 4, 1);
    private static readonly StorageRetention Defaults = StorageRetention.Defaults;

    [Theory]
    [InlineData(0, ExpiryAction.Keep)]
    [InlineData(7, ExpiryAction.Keep)]
    [InlineData(8, ExpiryAction.Cold)]
    [InlineData(30, ExpiryAction.Cold)]
    [InlineData(31, ExpiryAction.Delete)]
    [InlineData(400, ExpiryAction.Delete)]
    public void ARawWebhookGoesColdAfterSevenWholeDaysAndIsDeletedAfterThirty(int daysOld, ExpiryAction expected) =>
        Assert.Equal(expected, ObjectExpiry.Decide(BucketKind.RawWebhooks, Today.AddDays(-daysOld), Today, Defaults, 90, held: false));

    [Fact]
    public void AHeldRawWebhookIsNeverDeletedOnlyCold() =>
        Assert.Equal(ExpiryAction.Cold, ObjectExpiry.Decide(BucketKind.RawWebhooks, Today.AddDays(-365), Today, Defaults, 90, held: true));

    [Theory]
    [InlineData(90, ExpiryAction.Keep)]
    [InlineData(91, ExpiryAction.Delete)]
    public void MediaIsKeptNinetyDays(int daysOld, ExpiryAction expected) =>
        Assert.Equal(expected, ObjectExpiry.Decide(BucketKind.Media, Today.AddDays(-daysOld), Today, Defaults, 30, held: false));

    [Fact]
    public void MediaOfAMessageStillInTheHistoryIsKeptPastTheMediaRetention()
    {
        var shortMedia = new StorageRetention(7, 30, 10);

        Assert.Equal(ExpiryAction.Keep, ObjectExpiry.Decide(BucketKind.Media, Today.AddDays(-100), Today, shortMedia, historyRetentionDays: 180, held: false));
        Assert.Equal(ExpiryAction.Delete, ObjectExpiry.Decide(BucketKind.Media, Today.AddDays(-181), Today, shortMedia, historyRetentionDays: 180, held: false));
        Assert.Equal(180, ObjectExpiry.MediaDeleteAfterDays(shortMedia, 180));
    }

    [Fact]
    public void ATenantsOwnRetentionIsHonoured()
    {
        var brief = new StorageRetention(1, 2, 90);

        Assert.Equal(ExpiryAction.Cold, ObjectExpiry.Decide(BucketKind.RawWebhooks, Today.AddDays(-2), Today, brief, 90, held: false));
        Assert.Equal(ExpiryAction.Delete, ObjectExpiry.Decide(BucketKind.RawWebhooks, Today.AddDays(-3), Today, brief, 90, held: false));
    }

    [Fact]
    public void KeysAreReadForTheirTenantAndDay()
    {
        Assert.Equal(("acme", new DateOnly(2026, 3, 1)),
            ObjectExpiry.Parse(BucketKind.RawWebhooks, "acme/2026-03-01/1772323200000-wamid.HBg.json"));
        Assert.Equal(("acme", new DateOnly(2026, 3, 1)),
            ObjectExpiry.Parse(BucketKind.Media, "acme/images/2026-03-01/wamid.HBg.jpg"));
    }

    [Theory]
    [InlineData("acme/not-a-day/x.json")]
    [InlineData("acme/2026-03-01")]
    [InlineData("/2026-03-01/x.json")]
    [InlineData("acme/2026-02-30/x.json")]
    public void AKeyOfAnotherShapeHasNoDayAndIsNeverExpired(string key) =>
        Assert.Null(ObjectExpiry.Parse(BucketKind.RawWebhooks, key));

    [Fact]
    public void EveryBucketOfOursHasAKind()
    {
        Assert.Equal(BucketKind.RawWebhooks, ObjectExpiry.Kinds[Buckets.WebhooksInbound]);
        Assert.Equal(BucketKind.RawWebhooks, ObjectExpiry.Kinds[Buckets.WebhooksGenesys]);
        Assert.Equal(BucketKind.Media, ObjectExpiry.Kinds[Buckets.MediaInbound]);
        Assert.Equal(BucketKind.Media, ObjectExpiry.Kinds[Buckets.MediaOutbound]);
    }
}
