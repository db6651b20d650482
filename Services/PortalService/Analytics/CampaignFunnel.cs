using WhatsAppGenesys.Contracts.Portal;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>The stages of a campaign's funnel, in order: each is a subset of the one before.</summary>
public enum CampaignFunnelStage
{
    /// <summary>A recipient was chosen for the campaign (its audience, after consent), whether or not it could be sent.</summary>
    Targeted,

    /// <summary>Meta accepted the campaign's message to the recipient.</summary>
    Sent,

    /// <summary>Meta reported the message delivered (or read without delivered first).</summary>
    Delivered,

    /// <summary>Meta reported the message read.</summary>
    Read,

    /// <summary>The recipient wrote back within 24 hours of the campaign's message.</summary>
    Replied,

    /// <summary>The recipient opted out by keyword within 24 hours of the campaign's message.</summary>
    OptedOut,
}

/// <summary>
/// Where campaign code feeds the funnel (targeted → sent → delivered → read → replied → opted out): one call per
/// recipient that reached a stage, made with the same <see cref="Data.PortalDbContext"/> and inside the same
/// transaction as the recipient's own state change, so a retried step never counts twice. The figures land in the
/// hour of <c>at</c> under the campaign's id: the time of targeting, and for every later stage the time the
/// recipient's message was sent, so a period's rates compare its sends with what became of those same sends.
/// </summary>
public sealed class CampaignFunnel(AnalyticsCounters counters)
{
    /// <summary>The funnel of <paramref name="campaignId"/> from the sum of each stage's figures.</summary>
    public static CampaignFunnelFigures Figures(string campaignId, Func<CampaignFunnelStage, long> stage)
    {
        var sent = stage(CampaignFunnelStage.Sent);
        var delivered = stage(CampaignFunnelStage.Delivered);
        var read = stage(CampaignFunnelStage.Read);
        var replied = stage(CampaignFunnelStage.Replied);
        var optedOut = stage(CampaignFunnelStage.OptedOut);
        return new CampaignFunnelFigures(campaignId, stage(CampaignFunnelStage.Targeted), sent, delivered, read, replied, optedOut,
            AnalyticsRates.Share(delivered, sent), AnalyticsRates.Share(read, sent), AnalyticsRates.Share(replied, sent), AnalyticsRates.Share(optedOut, sent));
    }

    public static string MetricOf(CampaignFunnelStage stage) => stage switch
    {
        CampaignFunnelStage.Targeted => AnalyticsMetrics.CampaignPrefix + "targeted",
        CampaignFunnelStage.Sent => AnalyticsMetrics.CampaignPrefix + "sent",
        CampaignFunnelStage.Delivered => AnalyticsMetrics.CampaignPrefix + "delivered",
        CampaignFunnelStage.Read => AnalyticsMetrics.CampaignPrefix + "read",
        CampaignFunnelStage.Replied => AnalyticsMetrics.CampaignPrefix + "replied",
        CampaignFunnelStage.OptedOut => AnalyticsMetrics.CampaignPrefix + "opted_out",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a funnel stage."),
    };

    /// <summary>Adds <paramref name="recipients"/> (1 for one recipient's step; a batch's size for targeting) to a stage.</summary>
    public Task RecordAsync(string tenantId, Guid campaignId, CampaignFunnelStage stage, DateTimeOffset at, CancellationToken ct, long recipients = 1) =>
        counters.AddAsync([Increment(tenantId, campaignId, stage, at, recipients)], ct);

    /// <summary>
    /// A campaign recipient's state moved forward from <paramref name="previous"/> to <paramref name="current"/> on
    /// Meta's status: what it newly reached in the funnel (a read that skipped delivered counts both, as
    /// <see cref="StatusReach"/> says), in the hour the message was sent.
    /// </summary>
    public static IEnumerable<CounterIncrement> ForRecipientMove(string tenantId, Guid campaignId, string? previous, string current, DateTimeOffset sentAt)
    {
        if (StatusReach.Delivered(previous, current))
        {
            yield return Increment(tenantId, campaignId, CampaignFunnelStage.Delivered, sentAt);
        }
        if (StatusReach.Read(previous, current))
        {
            yield return Increment(tenantId, campaignId, CampaignFunnelStage.Read, sentAt);
        }
    }

    /// <summary>
    /// The figure <see cref="RecordAsync"/> would add, for a caller that adds it with other figures in one upsert
    /// (a status's history figures and its recipient's funnel step).
    /// </summary>
    public static CounterIncrement Increment(string tenantId, Guid campaignId, CampaignFunnelStage stage, DateTimeOffset at, long recipients = 1) =>
        new(tenantId, at, MetricOf(stage), campaignId.ToString("D"), recipients);
}
