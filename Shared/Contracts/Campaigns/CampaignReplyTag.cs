namespace WhatsAppGenesys.Contracts.Campaigns;

/// <summary>
/// The Redis key portal-service writes when it sends a customer a campaign message (value: the campaign id, for
/// 24 hours), and the inbound transformer reads to tag the customer's replies with the campaign in Genesys's
/// <c>channel.metadata.customAttributes</c> (docs/portal.md, "Campaigns").
/// </summary>
public static class CampaignReplyTag
{
    /// <summary>The custom attribute a reply carries.</summary>
    public const string AttributeName = "campaignId";

    /// <param name="customerId">The pipeline's customer id: the wa_id (digits), else the BSUID.</param>
    public static string Key(string tenantId, string customerId) => $"campaign:recipient:{tenantId}:{customerId}";
}
