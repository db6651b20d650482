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
/// recipient again after a crash never sends a second message. After Meta accepted it, the message gets a ledger row
/// at the state manager, as the direct send API opens one (Services/WhatsAppApi/DirectSend), so Meta's statuses reach
/// the history and the recipient; a row in the customer's conversation history (and so in the tenant's analytics);
/// and the customer is tagged with the campaign in Redis for their replies.
/// </summary>
public sealed class CampaignMessages(
    WhatsAppApiClient whatsapp,
    StateManagerClient state,
    MessageRecorder history,
    IConnectionMultiplexer redis,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignMessages> logger)
{
    public static string IdempotencyKey(Guid campaignId, Guid contactId) => $"campaign:{campaignId:N}:{contactId:N}";

    /// <summary>The address as Graph takes it: a number's digits in <c>to</c>, a BSUID in <c>recipient</c>; also the pipeline's customer id.</summary>
    public static (string? To, string? Recipient, string CustomerId) Address(string address) =>
        address.StartsWith('+') ? (address[1..], null, address[1..]) : (null, address, address);

    public async Task<ProviderCall<WhatsAppSendResult>> SendAsync(Campaign campaign, CampaignRecipient recipient, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, CancellationToken ct)
    {
        var (to, bsuid, _) = Address(recipient.Address!);
        var named = Templates.TemplateRules.IsNamed(campaign.ParameterFormat);
        var body = new MetaSendMessageRequest
        {
            To = to,
            Recipient = bsuid,
            Type = MetaSendTypes.Template,
            Template = new MetaSendTemplate
            {
                Name = campaign.TemplateName,
                Language = new MetaTemplateLanguage { Code = campaign.TemplateLanguage },
                Components = ParameterMapping.Components(mapping, CampaignJson.Values(recipient.ParameterValues), named),
            },
        };
        return await whatsapp.SendAsync(campaign.TenantId, new WhatsAppSendRequest(IdempotencyKey(campaign.Id, recipient.ContactId),
            JsonSerializer.SerializeToElement(body, MetaJson.Options), phoneNumberId), ct);
    }

    /// <summary>
    /// The ledger row Meta's statuses land on, the history row and the reply tag. All are repeatable (a message sent
    /// again after a restart finds its rows); a failure is logged, not thrown: the message went out either way.
    /// </summary>
    public async Task TrackAsync(Campaign campaign, CampaignRecipient recipient, string wamid, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, DateTimeOffset acceptedAt, CancellationToken ct)
    {
        var (to, bsuid, customerId) = Address(recipient.Address!);
        try
        {
            var conversation = await state.EnsureMappingAsync(campaign.TenantId, new EnsureMappingRequest(customerId, to, bsuid, null, phoneNumberId, null), ct);
            await state.RecordMessageAsync(campaign.TenantId, new RecordMessageRequest(MessageDirection.Outbound, wamid, customerId,
                conversation.ConversationId, clock.GetUtcNow(), WhatsAppMessageId: wamid), ct);
            await RecordHistoryAsync(campaign, recipient, wamid, (to, bsuid, customerId), conversation.ConversationId, phoneNumberId, mapping, acceptedAt, ct);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Sent {Wamid} but could not open its ledger row; its statuses will not be tracked: {Reason}", wamid, ex.Message);
        }
        try
        {
            await redis.GetDatabase().StringSetAsync(CampaignReplyTag.Key(campaign.TenantId, customerId), campaign.Id.ToString(), options.Value.ReplyTagLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not tag {Wamid}'s customer with campaign {CampaignId}: {Reason}", wamid, campaign.Id, ex.Message);
        }
    }

    /// <summary>
    /// The message in the customer's conversation history, as an agent's template is kept (name, language, the body's
    /// values; no agent): what they were sent before they replied. Stored here rather than through the history
    /// pipeline because this service is that pipeline's consumer; the recorder is idempotent on the wamid.
    /// </summary>
    private async Task RecordHistoryAsync(Campaign campaign, CampaignRecipient recipient, string wamid, (string? To, string? Bsuid, string CustomerId) address,
        Guid conversationId, string phoneNumberId, IReadOnlyList<CampaignParameter> mapping, DateTimeOffset acceptedAt, CancellationToken ct)
    {
        var (to, bsuid, customerId) = address;
        var named = Templates.TemplateRules.IsNamed(campaign.ParameterFormat);
        var body = ParameterMapping.Components(mapping, CampaignJson.Values(recipient.ParameterValues), named)?
            .FirstOrDefault(c => c.Type == ParameterMapping.Body)?.Parameters.Select(p => p.Text ?? "").ToList() ?? [];
        try
        {
            await history.RecordAsync(new ConversationMessageRecorded(campaign.TenantId, conversationId, customerId, to, bsuid, phoneNumberId,
                HistoryDirections.Outbound, wamid, GenesysMessageId: null, MetaSendTypes.Template, Text: null, Media: null,
                new HistoryTemplate(campaign.TemplateName, campaign.TemplateLanguage, body), Reaction: null, ReplyToMessageId: null,
                CustomerName: null, AgentId: null, AgentName: null, acceptedAt, ArchiveKey: null), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Sent {Wamid} but could not store it in the conversation history: {Reason}", wamid, ex.Message);
        }
    }
}
