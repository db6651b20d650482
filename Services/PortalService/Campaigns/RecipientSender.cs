using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>What one recipient's send came to, as the campaign's loop acts on it.</summary>
public enum SendOutcome
{
    /// <summary>Meta accepted it; the recipient is <c>sent</c>.</summary>
    Sent,

    /// <summary>Queued again for a later attempt (pair rate limit, a transient failure).</summary>
    Retried,

    /// <summary>Final failure with Meta's reason.</summary>
    Failed,

    /// <summary>Stop this page: the campaign no longer runs here, or the number is held by a throttle.</summary>
    Stop,

    /// <summary>The whole campaign waits (spam rate limit); the loop ends.</summary>
    Wait,
}

/// <summary>
/// Sends one campaign recipient, in a DI scope of its own (its own database context), so a campaign keeps several
/// sends in flight. The recipient is marked <c>sending</c> before the call, and only while the campaign still runs
/// under this owner, so a pause or cancel stops the next send at once. After the call it is <c>sent</c> (with the
/// wamid), queued again (with when) or failed, so a restart sends exactly the recipients not known to be done, under
/// the same idempotency key.
/// </summary>
public sealed class RecipientSender(
    PortalDbContext db,
    CampaignLease lease,
    CampaignMessages messages,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<RecipientSender> logger)
{
    public async Task<SendOutcome> SendAsync(Campaign campaign, string owner, CampaignRecipient recipient, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, RateGate gate, CancellationToken ct)
    {
        var attempts = recipient.Attempts + 1;
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE campaign_recipients AS r SET state = {RecipientStates.Sending}, attempts = {attempts}, updated_at = {clock.GetUtcNow()}
            FROM campaigns AS c
            WHERE c.id = r.campaign_id AND c.status = {CampaignStatuses.Running} AND c.lease_owner = {owner}
              AND r.campaign_id = {campaign.Id} AND r.contact_id = {recipient.ContactId} AND r.state IN ({RecipientStates.Queued}, {RecipientStates.Sending})
            """, ct);
        if (claimed == 0)
        {
            return SendOutcome.Stop;
        }
        var call = await messages.SendAsync(campaign, recipient, phoneNumberId, mapping, ct);
        var now = clock.GetUtcNow();
        if (call.Result is { } sent)
        {
            await MarkSentAsync(campaign, recipient, sent.Wamid, now, ct);
            // The history row is written under a share lock on the contact (see ForgetIfErasedMeanwhileAsync): once it
            // is stored that way, an erasure waits for it and removes it, and nothing is left to check.
            var history = await messages.TrackAsync(campaign, recipient, sent.Wamid, phoneNumberId, mapping, now,
                (context, token) => ContactStillThereAsync(context, campaign.TenantId, recipient.ContactId, token), ct);
            if (history != HistoryRecording.Stored)
            {
                await ForgetIfErasedMeanwhileAsync(campaign, recipient, sent.Wamid, ct);
            }
            return SendOutcome.Sent;
        }
        var outcome = await SettleRefusalAsync(campaign, owner, recipient, call.Error!, attempts, gate, now, ct);
        await ForgetIfErasedMeanwhileAsync(campaign, recipient, wamid: null, ct);
        return outcome;
    }

    /// <summary>What Meta's (or the WhatsApp API service's) refusal makes of the recipient: queued again, or failed.</summary>
    private async Task<SendOutcome> SettleRefusalAsync(Campaign campaign, string owner, CampaignRecipient recipient, ProviderError error,
        int attempts, RateGate gate, DateTimeOffset now, CancellationToken ct)
    {
        switch (PacingPolicy.Decide(error, attempts, now, options.Value))
        {
            case SendDecision.RetryRecipient retry:
                if (retry.HoldNumber)
                {
                    gate.HoldUntil(retry.At);
                }
                await RequeueAsync(recipient, retry.At, error.Code, error.Message, ct);
                logger.LogInformation("Campaign {CampaignId}: {Code} for {ContactId}, again at {At}", campaign.Id, error.Code, recipient.ContactId, retry.At);
                return retry.HoldNumber ? SendOutcome.Stop : SendOutcome.Retried;
            case SendDecision.WaitCampaign wait:
                await RequeueAsync(recipient, null, error.Code, error.Message, ct);
                await lease.WaitAsync(campaign.Id, owner, wait.Until, wait.Reason, ct);
                logger.LogWarning("Campaign {CampaignId} waits until {Until}: {Reason}", campaign.Id, wait.Until, wait.Reason);
                return SendOutcome.Wait;
            case SendDecision.FailRecipient fail:
                await Sending(recipient).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.State, RecipientStates.Failed)
                    .SetProperty(r => r.FailureCode, fail.Code)
                    .SetProperty(r => r.FailureReason, Truncate(fail.Reason))
                    .SetProperty(r => r.StatusAt, now)
                    .SetProperty(r => r.UpdatedAt, now), ct);
                return SendOutcome.Failed;
            default:
                throw new InvalidOperationException("Unknown send decision");
        }
    }

    /// <summary>
    /// sending → sent with Meta's wamid, and the funnel's sent figure, in one statement (so one round trip and no
    /// transaction: the move and its figure commit together). A recipient sent again after a restart (same key, same
    /// wamid) is no longer <c>sending</c> once this committed, so it moves nothing and counts nothing; a retry of the
    /// statement after a lost connection is harmless for the same reason. The upsert is the one
    /// <see cref="AnalyticsCounters"/> makes (into one of the figure's shards), fed by the row the move returned.
    /// </summary>
    private Task MarkSentAsync(Campaign campaign, CampaignRecipient recipient, string wamid, DateTimeOffset now, CancellationToken ct)
    {
        var sent = CampaignFunnel.Increment(campaign.TenantId, campaign.Id, CampaignFunnelStage.Sent, now);
        return db.Database.ExecuteSqlAsync($"""
            WITH moved AS (
                UPDATE campaign_recipients
                SET state = {RecipientStates.Sent}, wamid = {wamid}, sent_at = {now}, status_at = {now},
                    failure_code = NULL, failure_reason = NULL, next_attempt_at = NULL, updated_at = {now}
                WHERE campaign_id = {recipient.CampaignId} AND contact_id = {recipient.ContactId} AND state = {RecipientStates.Sending}
                RETURNING 1)
            INSERT INTO analytics_counters (tenant_id, bucket_start, metric, dimension, value, shard)
            SELECT {sent.TenantId}, {sent.BucketStart}, {sent.Metric}, {sent.Dimension}, {sent.Value}, {AnalyticsCounters.NextShard()} FROM moved
            ON CONFLICT (tenant_id, bucket_start, metric, dimension, shard)
            DO UPDATE SET value = analytics_counters.value + excluded.value
            """, ct);
    }

    /// <summary>
    /// The customer's erasure may have come while this send was under way: it leaves a <c>sending</c> recipient its
    /// number and values (the send needs them), and the history row is stored after it. Erasure locks the customer's
    /// contacts before it deletes anything, so the check is the contact under a share lock, which waits for an
    /// erasure in progress to commit. It is made in the history row's own transaction (the common case, above), or,
    /// when that row was not stored by this send (stored before a restart, or not at all), once everything is
    /// written. When the contact is gone, this message's recipient row loses the number and values (one queued
    /// again for a retry is skipped as erased, as the erasure skips the queued), and its history rows go. An erasure
    /// that starts after the check finds the recipient settled and the history stored, and removes them itself.
    /// </summary>
    private async Task ForgetIfErasedMeanwhileAsync(Campaign campaign, CampaignRecipient recipient, string? wamid, CancellationToken ct)
    {
        if (await ContactStillThereAsync(db, campaign.TenantId, recipient.ContactId, ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var row = db.CampaignRecipients.Where(r => r.CampaignId == recipient.CampaignId && r.ContactId == recipient.ContactId);
        await row.Where(r => r.State == RecipientStates.Queued).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, RecipientStates.Skipped)
            .SetProperty(r => r.FailureReason, CampaignReasons.Erased)
            .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(r => r.StatusAt, now), ct);
        await row.ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Address, (string?)null)
            .SetProperty(r => r.ParameterValues, (string?)null)
            .SetProperty(r => r.UpdatedAt, now), ct);
        if (wamid is not null)
        {
            await db.Statuses.Where(h => h.TenantId == campaign.TenantId && h.MessageId == wamid).ExecuteDeleteAsync(ct);
            await db.Messages.Where(h => h.TenantId == campaign.TenantId && h.MessageId == wamid).ExecuteDeleteAsync(ct);
        }
        logger.LogInformation("Campaign {CampaignId}: the customer of {ContactId} was erased during the send; the send's personal data is forgotten",
            campaign.Id, recipient.ContactId);
    }

    /// <summary>The contact still exists, read under a share lock held until <paramref name="context"/>'s transaction ends.</summary>
    private static async Task<bool> ContactStillThereAsync(PortalDbContext context, string tenantId, Guid contactId, CancellationToken ct)
    {
        // Read as written: a locking clause cannot sit in the subquery EF would wrap around a composed query.
        var stillThere = await context.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM contacts WHERE tenant_id = {tenantId} AND id = {contactId} FOR SHARE
            """).ToListAsync(ct);
        return stillThere.Count > 0;
    }

    private IQueryable<CampaignRecipient> Sending(CampaignRecipient recipient) =>
        db.CampaignRecipients.Where(r => r.CampaignId == recipient.CampaignId && r.ContactId == recipient.ContactId && r.State == RecipientStates.Sending);

    private Task RequeueAsync(CampaignRecipient recipient, DateTimeOffset? at, string code, string reason, CancellationToken ct) =>
        Sending(recipient).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, RecipientStates.Queued)
            .SetProperty(r => r.NextAttemptAt, at)
            .SetProperty(r => r.FailureCode, code)
            .SetProperty(r => r.FailureReason, Truncate(reason))
            .SetProperty(r => r.UpdatedAt, clock.GetUtcNow()), ct);

    private static string Truncate(string text) => text.Length > 1024 ? text[..1024] : text;
}
