using Microsoft.AspNetCore.SignalR;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Pushes the history's changes to every connected agent of the tenant, through the Redis backplane so agents on every
/// replica hear them. A failed push is logged and dropped: the history change is committed, the history consumer must
/// not fail or retry for it, and a client that missed a push catches up through the conversations API: each push names
/// the conversation's message before it, so the next push shows the gap.
/// </summary>
public sealed class AgentNotifications(IHubContext<AgentNotificationsHub> hub, AgentMessageMapper mapper, ILogger<AgentNotifications> logger)
    : IHistoryChangeListener
{
    public async Task OnMessageStoredAsync(HistoryMessageRow row, long? previousSequence, CancellationToken cancellationToken)
    {
        try
        {
            var message = await mapper.MessageAsync(row) with { PreviousSequence = previousSequence };
            await hub.Clients.Group(AgentNotificationsHub.TenantGroup(row.TenantId)).SendAsync(AgentHub.MessageRecorded, message, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push message {Sequence} of conversation {ConversationId} to the agents", row.Id, row.ConversationId);
        }
    }

    /// <summary>Every agent of the tenant hears that a conversation was ended (the one who ended it too, on their other pages).</summary>
    public async Task ConversationEndedAsync(string tenantId, AgentConversationEnded ended, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(AgentNotificationsHub.TenantGroup(tenantId)).SendAsync(AgentHub.ConversationEnded, ended, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push the end of conversation {ConversationId} to the agents", ended.ConversationId);
        }
    }

    public async Task OnStatusMovedAsync(HistoryStatusMove move, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(AgentNotificationsHub.TenantGroup(move.TenantId))
                .SendAsync(AgentHub.StatusChanged, AgentMessageMapper.Status(move), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push status {Status} of {MessageId} to the agents", move.Status, move.MessageId);
        }
    }
}
