using WhatsAppGenesys.Messaging.Archiving;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.PortalService.Storage;

namespace WhatsAppGenesys.UnitTests.Storage;

/// <summary>The S3 lifecycle rules written for each bucket: one per tenant, its own days, no expiration while it holds an archive.</summary>
public class LifecycleRulesTests
{
    private static readonly StorageLifecycleOptions Options = new() { ColdStorageClass = "STANDARD_IA", NoncurrentVersionDays = 14 };

    private static readonly TenantRetentions Retentions = new(
        new Dictionary<string, StorageRetention> { ["acme"] = StorageRetention.Defaults, ["brief"] = new(2, 5, 10) },
        new Dictionary<string, int> { ["brief"] = 60 });

    [Fact]
    public void RawWebhooksGetATransitionAndAnExpirationPerTenant()
    {
        var rules = LifecycleRules.For(Buckets.WebhooksInbound, BucketKind.RawWebhooks, Retentions, new HashSet<string>(), Options).Rules;

        Assert.Equal(["raw-acme", "raw-brief"], rules.Select(r => r.ID));
        var brief = rules.Single(r => r.ID == "raw-brief");
        Assert.Equal("brief/", brief.Filter.Prefix);
        Assert.Equal(2, brief.TransitionObject.Days);
        Assert.Equal("STANDARD_IA", brief.TransitionObject.StorageClass);
        Assert.Equal(5, brief.Expiration.Days);
        Assert.Equal(14u, brief.NoncurrentVersionExpirationObject.NoncurrentDays);
    }

    [Fact]
    public void MediaExpiresAtTheLongerOfMediaAndHistoryRetention()
    {
        var rules = LifecycleRules.For(Buckets.MediaInbound, BucketKind.Media, Retentions, new HashSet<string>(), Options).Rules;

        Assert.Equal(60, rules.Single(r => r.ID == "media-brief").Expiration.Days);
        Assert.Equal(90, rules.Single(r => r.ID == "media-acme").Expiration.Days);
        Assert.All(rules, r => Assert.Null(r.TransitionObject));
    }

    [Fact]
    public void ATenantHoldingAnArchiveInTheBucketGetsNoExpirationThere()
    {
        var held = new HashSet<string> { ArchiveHolds.ObjectOf(Buckets.WebhooksInbound, "acme/2026-03-01/1-wamid.json") };

        var inbound = LifecycleRules.For(Buckets.WebhooksInbound, BucketKind.RawWebhooks, Retentions, held, Options).Rules;
        var genesys = LifecycleRules.For(Buckets.WebhooksGenesys, BucketKind.RawWebhooks, Retentions, held, Options).Rules;

        Assert.Null(inbound.Single(r => r.ID == "raw-acme").Expiration);
        Assert.NotNull(inbound.Single(r => r.ID == "raw-acme").TransitionObject);
        Assert.Equal(5, inbound.Single(r => r.ID == "raw-brief").Expiration.Days);
        Assert.Equal(30, genesys.Single(r => r.ID == "raw-acme").Expiration.Days);
    }

    [Fact]
    public void HoldsAreReadPerObject()
    {
        var held = new HashSet<string> { ArchiveHolds.ObjectOf(Buckets.WebhooksInbound, "acme/2026-03-01/1-a.json") };

        Assert.True(LifecycleRules.IsHeld(held, Buckets.WebhooksInbound, "acme/2026-03-01/1-a.json"));
        Assert.False(LifecycleRules.IsHeld(held, Buckets.WebhooksGenesys, "acme/2026-03-01/1-a.json"));
        Assert.False(LifecycleRules.IsHeld(held, Buckets.WebhooksInbound, "acme/2026-03-01/2-b.json"));
        Assert.Equal("webhooks-inbound/acme/2026-03-01/1-a.json|wamid.1", ArchiveHolds.Field(Buckets.WebhooksInbound, "acme/2026-03-01/1-a.json", "wamid.1"));
    }
}
