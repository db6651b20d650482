using System.Text.Json;
using StackExchange.Redis;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Campaigns;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Sends one campaign message and makes it traceable. The WhatsApp API service sends each idempotency key at most
/// once (<c>campaign:{campaignId}:{contactId}</c>), and answers a repeated key with the first wamid, so sending a
/// recipient again after a crash never sends a second message. After Meta accepted it, the message is tracked
/// (<see cref="DirectSendTracking"/>: its ledger row for Meta's statuses, its history row), and the customer is
/// tagged with the campaign in Redis for their replies.
/// </summary>
public sealed class CampaignMessages(
    WhatsAppApiClient whatsapp,
    DirectSendTracking tracking,
    IConnectionMultiplexer redis,
    IOptions<CampaignOptions> options,
    ILogger<CampaignMessages> logger)
{
    public static string IdempotencyKey(Guid campaignId, Guid contactId) => $"campaign:{campaignId:N}:{contactId:N}";

    public async Task<ProviderCall<WhatsAppSendResult>> SendAsync(Campaign campaign, CampaignRecipient recipient, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, CancellationToken ct)
    {
        var address = DirectSendAddress.From(recipient.Address!);
        var named = Templates.TemplateRules.IsNamed(campaign.ParameterFormat);
        var body = address.Template(campaign.TemplateName, campaign.TemplateLanguage,
            ParameterMapping.Components(mapping, CampaignJson.Values(recipient.ParameterValues), named));
        return await whatsapp.SendAsync(campaign.TenantId, new WhatsAppSendRequest(IdempotencyKey(campaign.Id, recipient.ContactId),
            JsonSerializer.SerializeToElement(body, MetaJson.Options), phoneNumberId), ct);
    }

    /// <summary>
    /// The ledger row Meta's statuses land on, the history row (as an agent's template is kept: name, language, the
    /// body's values; no agent) and the reply tag. All are repeatable; a failure is logged, not thrown.
    /// </summary>
    /// <param name="storeOnlyIf">Asked in the history row's transaction before it is written.</param>
    /// <returns>What became of the history row; null when it or the ledger row could not be written.</returns>
    public async Task<HistoryRecording?> TrackAsync(Campaign campaign, CampaignRecipient recipient, string wamid, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, DateTimeOffset acceptedAt, HistoryStoreCondition storeOnlyIf, CancellationToken ct)
    {
        var address = DirectSendAddress.From(recipient.Address!);
        var named = Templates.TemplateRules.IsNamed(campaign.ParameterFormat);
        var body = ParameterMapping.Components(mapping, CampaignJson.Values(recipient.ParameterValues), named)?
            .FirstOrDefault(c => c.Type == ParameterMapping.Body)?.Parameters.Select(p => p.Text ?? "").ToList() ?? [];
        var history = await tracking.TrackAsync(campaign.TenantId, address, wamid, phoneNumberId,
            new SentContent(MetaSendTypes.Template, Template: new HistoryTemplate(campaign.TemplateName, campaign.TemplateLanguage, body)),
            sender: null, acceptedAt, ct, storeOnlyIf);
        try
        {
            await redis.GetDatabase().StringSetAsync(CampaignReplyTag.Key(campaign.TenantId, address.CustomerId), campaign.Id.ToString(), options.Value.ReplyTagLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not tag {Wamid}'s customer with campaign {CampaignId}: {Reason}", wamid, campaign.Id, ex.Message);
        }
        return history;
    }
}
