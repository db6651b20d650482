using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// The right to be forgotten for one customer of one tenant. Objects first, rows after: a crash in between leaves
/// rows whose objects are gone (the request is repeated and finishes), never objects nobody can find any more. The
/// rows, their statuses and the audit row go in one transaction, so the audit exists exactly when the rows are gone.
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
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (all or nothing, retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        var audit = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var statusesDeleted = await db.Statuses
                .Where(s => s.TenantId == tenantId && (customerIds.Contains(s.CustomerId) || messageIds.Contains(s.MessageId)))
                .ExecuteDeleteAsync(ct);
            var messagesDeleted = await db.Messages.Where(m => m.TenantId == tenantId && ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
            var row = new ErasureAuditRow
            {
                TenantId = tenantId,
                CustomerHash = HashOf(tenantId, customer),
                MessagesDeleted = messagesDeleted,
                StatusesDeleted = statusesDeleted,
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

        logger.LogInformation("Erased customer {CustomerHash}: {Messages} messages, {Statuses} statuses, {Media} media and {Archives} archived webhooks (audit {AuditId})",
            audit.CustomerHash, audit.MessagesDeleted, audit.StatusesDeleted, mediaDeleted, archivesDeleted, audit.Id);
        return new ErasureResult(audit.Id, audit.CustomerHash, audit.MessagesDeleted, audit.StatusesDeleted, mediaDeleted, archivesDeleted, audit.CompletedAt);
    }

    /// <summary>Names the customer in the audit without naming them: SHA-256 of tenant and customer key, hex.</summary>
    public static string HashOf(string tenantId, string customer) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}:{customer}")));
}

/// <summary>What an erasure removed; <see cref="AuditId"/> is the audit row that records it.</summary>
public sealed record ErasureResult(long AuditId, string CustomerHash, int MessagesDeleted, int StatusesDeleted,
    int MediaObjectsDeleted, int ArchiveObjectsDeleted, DateTimeOffset CompletedAt);

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
