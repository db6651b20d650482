using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Every stored customer message is a candidate reply to the campaign message sent to that customer last within
/// 24 hours (<see cref="CampaignResponses"/>): the first one counts in the campaign's funnel, later ones and
/// redeliveries do not. An opt-out keyword is a reply too (it also counts as an opt-out, see the consent observer).
/// </summary>
public sealed class CampaignReplyObserver(CampaignResponses responses) : IInboundMessageObserver
{
    public Task OnInboundMessageAsync(InboundMessageObserved message, CancellationToken cancellationToken) =>
        responses.RepliedAsync(message.TenantId, message.WaId, message.Bsuid, message.OccurredAt, cancellationToken);
}
