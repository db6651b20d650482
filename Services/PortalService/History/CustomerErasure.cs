using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// The right to be forgotten for one customer of one tenant: their history, its media and raw webhooks, their contact
/// (with its consent history and list memberships) unless they opted out (see <see cref="KeepOptOutsOnlyAsync"/>), and
/// their number in campaign recipient rows. Objects first, rows after: a crash in between leaves rows whose objects
/// are gone (the request is repeated and finishes), never objects nobody can find any more. The rows and the audit
/// row go in one transaction, so the audit exists exactly when the rows are gone.
/// </summary>
public sealed class CustomerErasure(PortalDbContext db, HistoryObjects objects, TimeProvider clock, ILogger<CustomerErasure> logger)
{
    public async Task<ErasureResult> EraseAsync(string tenantId, string customer, ErasureRequester requester, CancellationToken ct)
    {
        var requestedAt = clock.GetUtcNow();
        var rows = await HistoryReader.ForCustomer(db.Messages.AsNoTracking(), tenantId, customer)
            .Select(m => new { m.Id, m.CustomerId, m.MessageId, m.MediaBucket, m.MediaKey, m.ArchiveBucket, m.ArchiveKey })
            .ToListAsync(ct);
        var mediaDeleted = await objects.DeleteAsync(rows.Select(r => (r.MediaBucket, r.MediaKey)), ct);
        var archivesDeleted = await objects.DeleteAsync(rows.Select(r => (r.ArchiveBucket, r.ArchiveKey)), ct);

        var ids = rows.Select(r => r.Id).ToList();
        var messageIds = rows.Select(r => r.MessageId).Distinct().ToList();
        var customerIds = rows.Select(r => r.CustomerId).Append(customer).Distinct().ToList();
        // A contact is kept by E.164 number or BSUID; the history's customer ids are wa_ids (digits) or BSUIDs.
        var contactKeys = customerIds.Select(id => id.All(char.IsAsciiDigit) ? "+" + id : id).ToList();
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (all or nothing, retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        var audit = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // First, the customer's contacts are locked: a campaign send under way for them checks the contact under a
            // share lock in its history row's transaction, or once it has written everything (RecipientSender), so it
            // either waits for this erasure and forgets what it wrote, or committed before this point and what it
            // wrote is removed below.
            await db.Database.ExecuteSqlAsync($"""
                SELECT id FROM contacts
                WHERE tenant_id = {tenantId} AND (phone_number = ANY({contactKeys}) OR bsuid = ANY({customerIds}))
                FOR UPDATE
                """, ct);
            var statusesDeleted = await db.Statuses
                .Where(s => s.TenantId == tenantId && (customerIds.Contains(s.CustomerId) || messageIds.Contains(s.MessageId)))
                .ExecuteDeleteAsync(ct);
            // Also rows stored since they were read above that have no object to delete first (a campaign's message).
            var messagesDeleted = await db.Messages.Where(m => m.TenantId == tenantId
                && (ids.Contains(m.Id) || (customerIds.Contains(m.CustomerId) && m.MediaKey == null && m.ArchiveKey == null)))
                .ExecuteDeleteAsync(ct);
            var contacts = db.Contacts.Where(c => c.TenantId == tenantId
                && ((c.PhoneNumber != null && contactKeys.Contains(c.PhoneNumber)) || (c.Bsuid != null && customerIds.Contains(c.Bsuid))));
            var optOutsKept = await KeepOptOutsOnlyAsync(contacts.Where(c => c.ConsentStatus == ConsentStatus.OptedOut), ct);
            var forgotten = contacts.Where(c => c.ConsentStatus != ConsentStatus.OptedOut);
            var consentDeleted = await db.ConsentEvents.Where(e => e.TenantId == tenantId && forgotten.Any(c => c.Id == e.ContactId)).ExecuteDeleteAsync(ct);
            // List memberships go with the contact (a cascading foreign key).
            var contactsDeleted = await forgotten.ExecuteDeleteAsync(ct);
            await ForgetCampaignRecipientsAsync(tenantId, contactKeys, ct);
            var row = new ErasureAuditRow
            {
                TenantId = tenantId,
                CustomerHash = HashOf(tenantId, customer),
                MessagesDeleted = messagesDeleted,
                StatusesDeleted = statusesDeleted,
                ContactsDeleted = contactsDeleted,
                ConsentEventsDeleted = consentDeleted,
                OptOutsKept = optOutsKept,
                MediaObjectsDeleted = mediaDeleted,
                ArchiveObjectsDeleted = archivesDeleted,
                RequestedBy = requester.RequestedBy,
                CorrelationId = requester.CorrelationId,
                RequestedAt = requestedAt,
                CompletedAt = clock.GetUtcNow(),
            };
            db.Erasures.Add(row);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return row;
        });

        logger.LogInformation("Erased customer {CustomerHash}: {Messages} messages, {Statuses} statuses, {Media} media and {Archives} archived webhooks, {Contacts} contacts with {Consent} consent entries; {OptOuts} opt-outs kept (audit {AuditId})",
            audit.CustomerHash, audit.MessagesDeleted, audit.StatusesDeleted, mediaDeleted, archivesDeleted, audit.ContactsDeleted, audit.ConsentEventsDeleted,
            audit.OptOutsKept, audit.Id);
        return ErasureResult.From(audit);
    }

    /// <summary>
    /// An opted-out customer's number (or BSUID) and opt-out stay: forgetting them would let the next import or
    /// campaign message someone who asked not to be, and honouring an objection is a reason the law gives to keep
    /// that much. Everything else goes: name, attributes, tags, list memberships and the notes on their consent entries.
    /// </summary>
    private async Task<int> KeepOptOutsOnlyAsync(IQueryable<Contact> optedOut, CancellationToken ct)
    {
        var kept = await optedOut.ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var contact in kept)
        {
            contact.Name = null;
            contact.Attributes = [];
            contact.Tags = [];
            contact.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        var ids = kept.Select(c => c.Id).ToList();
        await db.ListMembers.Where(m => ids.Contains(m.ContactId)).ExecuteDeleteAsync(ct);
        await db.ConsentEvents.Where(e => ids.Contains(e.ContactId)).ExecuteUpdateAsync(set => set.SetProperty(e => e.Note, (string?)null), ct);
        return kept.Count;
    }

    /// <summary>
    /// Campaign recipient rows keep their state (the campaign's totals and funnel stay true) but lose the number and
    /// the rendered parameters (a first name, say); one still queued is skipped rather than sent. A recipient caught
    /// mid-send keeps them until its send settles, because a resumed send needs both.
    /// </summary>
    private async Task ForgetCampaignRecipientsAsync(string tenantId, List<string> addresses, CancellationToken ct)
    {
        var recipients = db.CampaignRecipients.Where(r => r.TenantId == tenantId && r.Address != null && addresses.Contains(r.Address));
        var now = clock.GetUtcNow();
        await recipients.Where(r => r.State == RecipientStates.Queued).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.State, RecipientStates.Skipped)
            .SetProperty(r => r.FailureReason, CampaignReasons.Erased)
            .SetProperty(r => r.UpdatedAt, now), ct);
        await recipients.Where(r => r.State != RecipientStates.Sending).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Address, (string?)null)
            .SetProperty(r => r.ParameterValues, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), ct);
    }

    /// <summary>Names the customer in the audit without naming them: SHA-256 of tenant and customer key, hex.</summary>
    public static string HashOf(string tenantId, string customer) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}:{customer}")));
}

/// <summary>What an erasure removed; <see cref="AuditId"/> is the audit row that records it.</summary>
public sealed record ErasureResult(long AuditId, string CustomerHash, int MessagesDeleted, int StatusesDeleted,
    int MediaObjectsDeleted, int ArchiveObjectsDeleted, int ContactsDeleted, int ConsentEventsDeleted, int OptOutsKept, DateTimeOffset CompletedAt)
{
    public static ErasureResult From(ErasureAuditRow audit) => new(audit.Id, audit.CustomerHash, audit.MessagesDeleted, audit.StatusesDeleted,
        audit.MediaObjectsDeleted, audit.ArchiveObjectsDeleted, audit.ContactsDeleted, audit.ConsentEventsDeleted, audit.OptOutsKept, audit.CompletedAt);
}

/// <summary>Who asked for an erasure, as the gateway identified them.</summary>
public sealed record ErasureRequester(string RequestedBy, string? CorrelationId)
{
    public static ErasureRequester Of(HttpContext http)
    {
        var keyId = http.Request.Headers[TenancyHeaders.ApiKeyId].ToString();
        var correlation = http.Request.Headers["X-Correlation-ID"].ToString();
        return new ErasureRequester(
            keyId is { Length: > 0 and <= 100 } ? $"api-key:{keyId}" : "unknown",
            correlation is { Length: > 0 and <= 128 } ? correlation : null);
    }
}
