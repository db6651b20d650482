using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Applies Meta's status webhooks to the stored templates. Idempotent and order-proof: an update is applied only when
/// it is at least as recent as the status held (<see cref="MessageTemplateRow.StatusAt"/>), so a redelivered or late
/// event never moves a template back. A template we have not stored yet (created in Meta's own console, or the
/// webhook overtook our create's answer) is stored from the event, with its definition left for the next sync.
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
        if (row is not null)
        {
            if (row.MetaId == change.TemplateId || row.StatusAt > at)
            {
                logger.LogDebug("Template {TemplateId} already has a status newer than {Status} at {At}", change.TemplateId, change.Status, at);
                return;
            }
            // The name and language were deleted at Meta and created again under a new id.
            row.MetaId = change.TemplateId;
        }
        else if (change.Status == MetaTemplateStatus.Deleted)
        {
            // Nothing to mark: a template gone at Meta and here (deleted through the portal, or removed by a sync).
            return;
        }
        else
        {
            row = new MessageTemplateRow
            {
                TenantId = change.TenantId, MetaId = change.TemplateId, Name = change.Name, Language = change.Language,
                Category = change.Category ?? "", Status = change.Status, ParameterFormat = TemplateRules.Positional, Components = "[]",
            };
            db.Templates.Add(row);
        }
        row.Status = change.Status;
        row.RejectedReason = reason;
        row.StatusAt = at;
        row.UpdatedAt = now;
        // A concurrent insert of the same template (a create's answer) fails this on the unique index: the pipeline
        // retries the event, and the conditional update above then applies it.
        await db.SaveChangesAsync(ct);
    }
}
