using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>Reads and writes a tenant's stored templates; every query is for one tenant.</summary>
public sealed class TemplateStore(PortalDbContext db, TimeProvider clock)
{
    public Task<List<MessageTemplateRow>> ListAsync(string tenantId, string? status, string? language, string? name, CancellationToken ct)
    {
        var query = db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId);
        if (status is { Length: > 0 })
        {
            var statuses = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToList();
            query = query.Where(t => statuses.Contains(t.Status));
        }
        if (language is { Length: > 0 })
        {
            query = query.Where(t => t.Language == language);
        }
        if (name is { Length: > 0 })
        {
            var pattern = "%" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(t => EF.Functions.ILike(t.Name, pattern, @"\"));
        }
        return query.OrderBy(t => t.Name).ThenBy(t => t.Language).ToListAsync(ct);
    }

    public Task<MessageTemplateRow?> FindAsync(string tenantId, string name, string language, CancellationToken ct) =>
        db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Name == name && t.Language == language, ct);

    public Task<bool> HasNameAsync(string tenantId, string name, CancellationToken ct) =>
        db.Templates.AnyAsync(t => t.TenantId == tenantId && t.Name == name, ct);

    /// <summary>
    /// Stores a template Meta has just accepted, replacing a stale row of the same name and language (one deleted at
    /// Meta and created again).
    /// </summary>
    public async Task<MessageTemplateRow> SaveCreatedAsync(string tenantId, MetaMessageTemplate template, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = await db.Templates.FirstOrDefaultAsync(t => t.TenantId == tenantId && (t.MetaId == template.Id || (t.Name == template.Name && t.Language == template.Language)), ct);
        if (row is null)
        {
            row = new MessageTemplateRow
            {
                TenantId = tenantId, MetaId = template.Id, Name = template.Name, Language = template.Language, Category = template.Category,
                Status = template.Status, ParameterFormat = template.ParameterFormat ?? TemplateRules.Positional, Components = "[]",
                StatusAt = WholeSeconds(now),
            };
            db.Templates.Add(row);
        }
        else if (row.MetaId != template.Id)
        {
            row.MetaId = template.Id;
            row.Status = template.Status;
            row.RejectedReason = null;
            row.StatusAt = WholeSeconds(now);
        }
        // A row already there for this id (a sync ran meanwhile) holds a status at least as new as "created": it stays.
        row.Category = template.Category;
        row.ParameterFormat = template.ParameterFormat ?? TemplateRules.Positional;
        row.Components = TemplateDefinition.Serialize(template.Components);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>Deletes every language of a name; how many rows went.</summary>
    public Task<int> DeleteAsync(string tenantId, string name, CancellationToken ct) =>
        db.Templates.Where(t => t.TenantId == tenantId && t.Name == name).ExecuteDeleteAsync(ct);

    /// <summary>Meta's times are whole seconds; ours are cut to match, so "same second" compares as equal.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
