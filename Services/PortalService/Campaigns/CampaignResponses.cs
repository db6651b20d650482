using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// A customer's reply or keyword opt-out, credited to the campaign message sent to them last within
/// <see cref="Window"/> before it: that recipient is marked (<c>replied_at</c> / <c>opted_out_at</c>) only while
/// unmarked, and the funnel counts the mark in the same transaction, in the hour the message was sent. A message seen
/// twice, a second reply or a concurrent replica finds the mark set (the update re-checks it under the row lock) and
/// counts nothing; a customer with no campaign message in the window is nobody's response.
/// </summary>
public sealed class CampaignResponses(PortalDbContext db, CampaignFunnel funnel)
{
    /// <summary>How long after a campaign message a customer's message is taken as its response (Meta's customer service window).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Meta's timestamps are whole seconds and its clock is not ours: a message this much before the send still answers it.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    /// <summary>The customer's message at <paramref name="at"/> (Meta's time); true when it was counted as a campaign reply.</summary>
    public Task<bool> RepliedAsync(string tenantId, string? waId, string? bsuid, DateTimeOffset at, CancellationToken ct) =>
        MarkAsync(tenantId, waId, bsuid, at, r => r.RepliedAt, CampaignFunnelStage.Replied, ct);

    /// <summary>The customer opted out by keyword at <paramref name="at"/>; true when it was counted as a campaign opt-out.</summary>
    public Task<bool> OptedOutAsync(string tenantId, string? waId, string? bsuid, DateTimeOffset at, CancellationToken ct) =>
        MarkAsync(tenantId, waId, bsuid, at, r => r.OptedOutAt, CampaignFunnelStage.OptedOut, ct);

    /// <summary>The addresses a recipient may have been sent to: the E.164 form of the wa_id, and the BSUID.</summary>
    public static IReadOnlyList<string> AddressesOf(string? waId, string? bsuid) =>
        new[] { waId is null ? null : PhoneNumbers.Normalize("+" + waId).E164, bsuid }.OfType<string>().Distinct().ToList();

    private async Task<bool> MarkAsync(string tenantId, string? waId, string? bsuid, DateTimeOffset at,
        Expression<Func<CampaignRecipient, DateTimeOffset?>> mark, CampaignFunnelStage stage, CancellationToken ct)
    {
        var addresses = AddressesOf(waId, bsuid);
        if (addresses.Count == 0)
        {
            return false;
        }
        at = at.ToUniversalTime();
        var since = at - Window;
        var until = at + ClockTolerance;
        var unmarked = Expression.Lambda<Func<CampaignRecipient, bool>>(
            Expression.Equal(mark.Body, Expression.Constant(null, typeof(DateTimeOffset?))), mark.Parameters);
        // Most customer messages answer no campaign: one indexed read decides that, with no transaction around it.
        // (Under read committed, the read inside the transaction would have seen the same; the update re-checks the mark.)
        var latest = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.TenantId == tenantId && addresses.Contains(r.Address!) && r.SentAt > since && r.SentAt <= until)
            .OrderByDescending(r => r.SentAt)
            .Select(r => new { r.CampaignId, r.ContactId, r.SentAt })
            .FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return false;
        }
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.CampaignRecipients
                .Where(r => r.CampaignId == latest.CampaignId && r.ContactId == latest.ContactId)
                .Where(unmarked)
                .ExecuteUpdateAsync(u => u.SetProperty(mark, (DateTimeOffset?)at), ct) > 0;
            if (marked)
            {
                await funnel.RecordAsync(tenantId, latest.CampaignId, stage, latest.SentAt!.Value, ct);
            }
            await transaction.CommitAsync(ct);
            return marked;
        });
    }
}
