using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Meta's delivered / read / failed for a campaign message, found by its wamid, moves its recipient forward with the
/// history's precedence (read beats delivered beats failed beats sent), so late or repeated statuses never move it back.
/// A failure keeps Meta's code and reason.
/// </summary>
public sealed class RecipientStatusRecorder(PortalDbContext db)
{
    public Task RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        var weaker = StatusPrecedence.Weaker(status.Status);
        if (weaker.Count == 0)
        {
            return Task.CompletedTask;
        }
        DateTimeOffset? at = status.OccurredAt.ToUniversalTime();
        return db.CampaignRecipients
            .Where(r => r.TenantId == status.TenantId && r.Wamid == status.MessageId && weaker.Contains(r.State))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, status.Status)
                .SetProperty(r => r.StatusAt, at)
                .SetProperty(r => r.FailureCode, r => status.Status == RecipientStates.Failed ? status.FailureCode : r.FailureCode)
                .SetProperty(r => r.FailureReason, r => status.Status == RecipientStates.Failed ? status.FailureReason : r.FailureReason), ct);
    }
}
