using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Makes the tenant's stored templates what Meta lists: every page of <c>message_templates</c>, following Meta's
/// <c>after</c> cursor until a page has no <c>next</c>; each template upserted by Meta's id (or by name and language
/// when Meta gave it a new id); then the local templates Meta did not list are removed. Nothing is removed unless
/// every page was read, so a failure half-way leaves the store as it was plus what was read.
/// </summary>
public sealed class TemplateSync(PortalDbContext db, GraphTemplatesClient graph, TimeProvider clock)
{
    /// <summary>Stops a cursor that never ends (a misbehaving proxy) rather than looping forever.</summary>
    private const int MaxPages = 1_000;

    public async Task<(TemplateSyncReport? Report, GraphFailure? Failure)> SyncAsync(TenantWaba waba, int pageSize, CancellationToken ct)
    {
        var local = await db.Templates.Where(t => t.TenantId == waba.TenantId).ToListAsync(ct);
        var byMetaId = local.ToDictionary(t => t.MetaId, StringComparer.Ordinal);
        var byNameAndLanguage = local.ToDictionary(t => (t.Name, t.Language));
        var listed = new HashSet<string>(StringComparer.Ordinal);
        int pages = 0, added = 0, updated = 0;
        string? after = null;

        do
        {
            var readAt = TemplateStore.WholeSeconds(clock.GetUtcNow());
            var page = await graph.ListPageAsync(waba, after, pageSize, ct);
            if (page.Value is not { } list)
            {
                await db.SaveChangesAsync(ct);
                return (null, page.Failure);
            }
            pages++;
            foreach (var template in list.Data.Where(t => listed.Add(t.Id)))
            {
                if (byMetaId.TryGetValue(template.Id, out var row) || byNameAndLanguage.TryGetValue((template.Name, template.Language), out row))
                {
                    updated += Apply(row, template, readAt) ? 1 : 0;
                }
                else
                {
                    row = new MessageTemplateRow
                    {
                        TenantId = waba.TenantId, MetaId = template.Id, Name = template.Name, Language = template.Language,
                        Category = template.Category, Status = template.Status, ParameterFormat = TemplateRules.Positional, Components = "[]",
                    };
                    Apply(row, template, readAt);
                    row.UpdatedAt = readAt;
                    db.Templates.Add(row);
                    added++;
                }
                byMetaId[template.Id] = row;
                byNameAndLanguage[(template.Name, template.Language)] = row;
                row.LastSyncedAt = readAt;
            }
            after = list.Paging is { Next: not null } paging ? paging.Cursors.After : null;
        }
        while (after is not null && pages < MaxPages);

        var gone = byMetaId.Values.Distinct().Where(t => !listed.Contains(t.MetaId) && db.Entry(t).State != EntityState.Added).ToList();
        db.Templates.RemoveRange(gone);
        await db.SaveChangesAsync(ct);
        return (new TemplateSyncReport(pages, listed.Count, added, updated, gone.Count), null);
    }

    /// <summary>
    /// Copies Meta's definition; the status only when what we hold is strictly older than this read, because a status
    /// webhook of the same second may already have told us something newer than the list showed.
    /// </summary>
    private static bool Apply(MessageTemplateRow row, MetaMessageTemplate template, DateTimeOffset readAt)
    {
        var components = TemplateDefinition.Serialize(template.Components);
        var format = template.ParameterFormat ?? TemplateRules.Positional;
        var reason = TemplateStatusText.Reason(template.RejectedReason);
        var statusIsOlder = row.StatusAt < readAt;
        var changed = row.MetaId != template.Id || row.Category != template.Category || row.ParameterFormat != format || row.Components != components
            || (statusIsOlder && (row.Status != template.Status || row.RejectedReason != reason));
        row.MetaId = template.Id;
        row.Category = template.Category;
        row.ParameterFormat = format;
        row.Components = components;
        if (statusIsOlder)
        {
            row.Status = template.Status;
            row.RejectedReason = reason;
            row.StatusAt = readAt;
        }
        if (changed)
        {
            row.UpdatedAt = readAt;
        }
        return changed;
    }
}
