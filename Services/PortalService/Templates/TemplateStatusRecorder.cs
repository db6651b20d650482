using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Applies Meta's status webhooks to the stored templates. Idempotent and order-proof: an update is applied only when
/// it is at least as recent as the status held (<see cref="MessageTemplateRow.StatusAt"/>), so a redelivered or late
/// event never moves a template back. An update for a template not stored here changes nothing: it was deleted here
/// (a late webhook must not bring it back), or made in Meta's own console, which the next sync brings in whole.
/// </summary>
public sealed class TemplateStatusRecorder(PortalDbContext db, TimeProvider clock, ILogger<TemplateStatusRecorder> logger)
{
    public async Task RecordAsync(TemplateStatusChanged change, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var at = change.OccurredAt.ToUniversalTime();
        var reason = TemplateStatusText.Reason(change.Reason);
        var applied = await db.Templates
            .Where(t => t.TenantId == change.TenantId && t.MetaId == change.TemplateId && t.StatusAt <= at)
            .ExecuteUpdateAsync(update => update
                .SetProperty(t => t.Status, change.Status)
                .SetProperty(t => t.RejectedReason, reason)
                .SetProperty(t => t.StatusAt, at)
                .SetProperty(t => t.UpdatedAt, now), ct);
        if (applied > 0)
        {
            return;
        }

        var row = await db.Templates.FirstOrDefaultAsync(t => t.TenantId == change.TenantId
            && (t.MetaId == change.TemplateId || (t.Name == change.Name && t.Language == change.Language)), ct);
        if (row is null)
        {
            logger.LogInformation("Status {Status} of template {TemplateId} ({Name}, {Language}) not applied: the template is not stored (a sync brings in templates made at Meta)",
                change.Status, change.TemplateId, change.Name, change.Language);
            return;
        }
        if (row.MetaId == change.TemplateId || row.StatusAt > at)
        {
            logger.LogDebug("Template {TemplateId} already has a status newer than {Status} at {At}", change.TemplateId, change.Status, at);
            return;
        }
        // The same name and language, deleted at Meta and created again there under a new id.
        row.MetaId = change.TemplateId;
        row.Status = change.Status;
        row.RejectedReason = reason;
        row.StatusAt = at;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
