using Minio.DataModel.ILM;
using WhatsAppGenesys.Messaging.Archiving;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>
/// The S3 lifecycle configuration of one bucket: a rule per tenant (prefix <c>{tenantId}/</c>), because retention is
/// per tenant and S3 applies the shortest of overlapping rules, so no catch-all rule can hold a default. Raw webhooks
/// move to <see cref="StorageLifecycleOptions.ColdStorageClass"/> and are deleted; media is deleted. A tenant with a
/// held archive in the bucket gets no expiration in it until its holds are released (S3 rules cannot spare single
/// objects without tagging every upload). Noncurrent versions go after <see cref="StorageLifecycleOptions.NoncurrentVersionDays"/>.
/// </summary>
public static class LifecycleRules
{
    public static LifecycleConfiguration For(string bucket, BucketKind kind, TenantRetentions retentions, IReadOnlySet<string> held, StorageLifecycleOptions options)
    {
        var heldTenants = held.Where(h => h.StartsWith(bucket + "/", StringComparison.Ordinal))
            .Select(h => h[(bucket.Length + 1)..].Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        var rules = new List<LifecycleRule>();
        foreach (var tenant in retentions.Tenants)
        {
            var retention = retentions.StorageFor(tenant);
            var (expireAfter, transition) = kind == BucketKind.RawWebhooks
                ? (heldTenants.Contains(tenant) ? (int?)null : retention.RawDeleteAfterDays,
                    new Transition { Days = retention.RawColdAfterDays, StorageClass = options.ColdStorageClass })
                : (ObjectExpiry.MediaDeleteAfterDays(retention, retentions.HistoryDaysFor(tenant)), null);
            rules.Add(new LifecycleRule(
                abortIncompleteMultipartUpload: null,
                id: RuleId(kind, tenant),
                expiration: expireAfter is { } days ? new Expiration { Days = days } : null,
                transition: transition,
                filter: new RuleFilter(null, tenant + "/", null),
                noncurrentVersionExpiration: new NoncurrentVersionExpiration((uint)Math.Max(1, options.NoncurrentVersionDays)),
                noncurrentVersionTransition: null,
                status: LifecycleRule.LifecycleRuleStatusEnabled));
        }
        return new LifecycleConfiguration(rules);
    }

    public static string RuleId(BucketKind kind, string tenantId) => $"{(kind == BucketKind.RawWebhooks ? "raw" : "media")}-{tenantId}";

    /// <summary>The held objects' names as <see cref="ArchiveHolds.ObjectOf"/> gives them.</summary>
    public static bool IsHeld(IReadOnlySet<string> held, string bucket, string key) => held.Contains(ArchiveHolds.ObjectOf(bucket, key));
}
