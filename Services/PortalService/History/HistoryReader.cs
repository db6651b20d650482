using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Pages of one tenant's history by keyset: ordered on (provider time, row id), each page continuing after the
/// cursor's position rather than skipping rows (no OFFSET), so a page costs the same deep in a long history and
/// messages stored meanwhile never shift or repeat a page. Every query filters on the tenant first.
/// </summary>
public sealed class HistoryReader(PortalDbContext db, MediaLinks links)
{
    /// <summary>A conversation's messages, oldest first; null when the tenant has no such conversation.</summary>
    public async Task<HistoryPage?> ConversationAsync(string tenantId, Guid conversationId, HistoryCursor? after, int limit, CancellationToken ct)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.ConversationId == conversationId);
        return await ChronologicalAsync(messages, tenantId, after, limit, ct);
    }

    /// <summary>A customer's messages across conversations, oldest first; null when the tenant has none from or to them.</summary>
    public async Task<HistoryPage?> CustomerAsync(string tenantId, string customer, HistoryCursor? after, int limit, CancellationToken ct)
    {
        var messages = ForCustomer(db.Messages.AsNoTracking(), tenantId, customer);
        return await ChronologicalAsync(messages, tenantId, after, limit, ct);
    }

    /// <summary>Messages matching every given filter, newest first.</summary>
    public async Task<HistoryPage> SearchAsync(string tenantId, HistorySearch search, HistoryCursor? before, int limit, CancellationToken ct)
    {
        var messages = search.Customer is { } customer
            ? ForCustomer(db.Messages.AsNoTracking(), tenantId, customer)
            : db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId);
        if (search.Text is { } text)
        {
            // Trigram-indexed substring match, case-insensitive; the user's % and _ are literal.
            var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            messages = messages.Where(m => m.SearchText != null && EF.Functions.ILike(m.SearchText, pattern, @"\"));
        }
        if (search.From is { } from)
        {
            messages = messages.Where(m => m.OccurredAt >= from);
        }
        if (search.To is { } to)
        {
            messages = messages.Where(m => m.OccurredAt < to);
        }
        if (before is { } cursor)
        {
            var (at, id) = (cursor.OccurredAt, cursor.Id);
            messages = messages.Where(m => m.OccurredAt < at || (m.OccurredAt == at && m.Id < id));
        }
        var rows = await messages.OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id).Take(limit + 1).ToListAsync(ct);
        return await PageAsync(tenantId, rows, limit, ct);
    }

    /// <summary>Everything of one customer, whichever of their identifiers the caller used.</summary>
    public static IQueryable<HistoryMessageRow> ForCustomer(IQueryable<HistoryMessageRow> messages, string tenantId, string customer) =>
        messages.Where(m => m.TenantId == tenantId && (m.CustomerId == customer || m.WaId == customer || m.Bsuid == customer));

    private async Task<HistoryPage?> ChronologicalAsync(IQueryable<HistoryMessageRow> messages, string tenantId, HistoryCursor? after, int limit, CancellationToken ct)
    {
        if (after is { } cursor)
        {
            var (at, id) = (cursor.OccurredAt, cursor.Id);
            messages = messages.Where(m => m.OccurredAt > at || (m.OccurredAt == at && m.Id > id));
        }
        var rows = await messages.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Take(limit + 1).ToListAsync(ct);
        return rows.Count == 0 && after is null ? null : await PageAsync(tenantId, rows, limit, ct);
    }

    private async Task<HistoryPage> PageAsync(string tenantId, List<HistoryMessageRow> rows, int limit, CancellationToken ct)
    {
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new HistoryCursor(page[^1].OccurredAt, page[^1].Id).Encode() : null;

        var outbound = page.Where(m => m.Direction == HistoryDirections.Outbound).Select(m => m.MessageId).ToList();
        var statuses = outbound.Count == 0 ? [] : await db.Statuses.AsNoTracking()
            .Where(s => s.TenantId == tenantId && outbound.Contains(s.MessageId))
            .OrderBy(s => s.OccurredAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var byMessage = statuses.ToLookup(s => s.MessageId);

        var items = new List<HistoryMessageView>(page.Count);
        foreach (var row in page)
        {
            items.Add(await ViewAsync(row, row.Direction == HistoryDirections.Outbound ? byMessage[row.MessageId] : []));
        }
        return new HistoryPage(items, next);
    }

    private async Task<HistoryMessageView> ViewAsync(HistoryMessageRow row, IEnumerable<HistoryStatusRow> statuses) => new(
        row.ConversationId,
        row.CustomerId,
        row.WaId,
        row.Bsuid,
        row.PhoneNumberId,
        row.Direction,
        row.MessageId,
        row.GenesysMessageId,
        row.Type,
        row.Text,
        await links.ForAsync(row),
        row.TemplateName is { } template ? new HistoryTemplateView(template, row.TemplateLanguage, row.TemplateParameters ?? []) : null,
        row.ReactionMessageId is not null || row.ReactionEmoji is not null ? new HistoryReactionView(row.ReactionEmoji, row.ReactionMessageId) : null,
        row.ReplyToMessageId,
        row.CustomerName,
        row.AgentId is not null || row.AgentName is not null ? new HistoryAgentView(row.AgentId, row.AgentName) : null,
        row.OccurredAt,
        row.Status,
        row.StatusAt,
        row.FailureCode is not null || row.FailureReason is not null ? new HistoryFailureView(row.FailureCode, row.FailureReason) : null,
        statuses.Select(s => new HistoryStatusView(s.Status, s.OccurredAt,
            s.FailureCode is not null || s.FailureReason is not null ? new HistoryFailureView(s.FailureCode, s.FailureReason) : null)).ToList());
}

/// <summary>What a search asks for; every filter is optional and they combine with AND.</summary>
public sealed record HistorySearch(string? Customer, string? Text, DateTimeOffset? From, DateTimeOffset? To);
