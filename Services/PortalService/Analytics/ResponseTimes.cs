using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// How long the customer had waited when an agent's message is stored: from the earliest customer message after the
/// previous agent message (of the same conversation, by provider time) to this one. The agent's first message of a
/// conversation that answers a customer is also its first response. A message that follows another agent message
/// (a later part of a split text, a second answer) answered nobody. Two lookups on the (tenant, conversation,
/// occurred_at) index, bounded by one conversation, never the tenant's history.
/// </summary>
public sealed class ResponseTimes(PortalDbContext db)
{
    /// <summary>Call before the agent's message is stored (it would otherwise be its own previous message).</summary>
    public async Task<IReadOnlyList<CounterIncrement>> ForAgentMessageAsync(HistoryMessageRow agentMessage, CancellationToken ct)
    {
        var conversation = db.Messages.AsNoTracking()
            .Where(m => m.TenantId == agentMessage.TenantId && m.ConversationId == agentMessage.ConversationId && m.OccurredAt <= agentMessage.OccurredAt);
        // Agents' messages only (they have a Genesys message id): a campaign message in between answered nobody.
        var previousAnswer = await conversation.Where(m => m.Direction == HistoryDirections.Outbound && m.GenesysMessageId != null)
            .MaxAsync(m => (DateTimeOffset?)m.OccurredAt, ct);
        var waitingSince = await conversation
            .Where(m => m.Direction == HistoryDirections.Inbound && (previousAnswer == null || m.OccurredAt > previousAnswer))
            .MinAsync(m => (DateTimeOffset?)m.OccurredAt, ct);
        return waitingSince is { } since
            ? MessageFigures.ForResponse(agentMessage.TenantId, since, agentMessage.OccurredAt, first: previousAnswer is null).ToList()
            : [];
    }
}
