using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Settings;
using WhatsAppGenesys.PortalService.Templates;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Runs one claimed campaign until it is done, waits, is paused or cancelled, or the process stops: writes its
/// audience into recipients, then sends page by page in contact order, one message at a time at the campaign's rate.
/// Each recipient is marked <c>sending</c> before the call and <c>sent</c> (with the wamid), queued again (with when)
/// or failed after it, so a restart sends exactly the recipients not known to be done, under the same idempotency key.
/// </summary>
public sealed class CampaignRunner(
    PortalDbContext db,
    CampaignLease lease,
    AudienceMaterializer materializer,
    CampaignMessages messages,
    CampaignFunnel funnel,
    TemplateValidator validator,
    PortalSettingsStore settings,
    ITenantDirectory tenants,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignRunner> logger)
{
    private CampaignOptions Options => options.Value;

    public async Task RunAsync(Guid campaignId, string owner, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        using var scope = logger.BeginTenantScope(campaign.TenantId);
        var mapping = CampaignJson.Parameters(campaign.Parameters);
        var named = string.Equals(campaign.ParameterFormat, TemplateRules.Named, StringComparison.OrdinalIgnoreCase);

        // The template may have been paused or disabled by Meta since the campaign was made.
        var templateErrors = await validator.ValidateAsync(campaign.TenantId, campaign.TemplateName, campaign.TemplateLanguage,
            ParameterMapping.Components(mapping, ParameterMapping.Samples(mapping), named) ?? [], ct);
        if (templateErrors.Count > 0)
        {
            await WaitAsync(campaign, owner, Options.MessagingLimitRecheck,
                $"{CampaignReasons.TemplateNotSendable}: {string.Join(" ", templateErrors.SelectMany(e => e.Value))}", ct);
            return;
        }
        var tenant = await tenants.FindByIdAsync(campaign.TenantId, ct);
        if (tenant is not { IsActive: true, WhatsApp.PhoneNumberIds: [var phoneNumberId, ..] })
        {
            await WaitAsync(campaign, owner, Options.MessagingLimitRecheck, "The tenant is inactive or has no WhatsApp number.", ct);
            return;
        }
        if (!campaign.AudienceComplete && !await materializer.MaterializeAsync(campaign, owner, Options.LeaseDuration, ct))
        {
            await lease.ReleaseAsync(campaign.Id, owner, CancellationToken.None);
            return;
        }

        var rate = PacingPolicy.Rate(campaign.MessagesPerSecond, Options);
        var gate = new RateGate(rate, clock);
        // About a second of sends per page, so a pause or cancel is seen within a second or so.
        var pageSize = (int)Math.Clamp(Math.Ceiling(rate), 1, 100);
        var messagingLimit = (await settings.GetAsync(campaign.TenantId, ct)).CampaignMessagingLimit ?? Options.DefaultMessagingLimit;
        while (true)
        {
            if (await lease.HeartbeatAsync(campaign.Id, owner, Options.LeaseDuration, ct) != CampaignStatuses.Running)
            {
                await lease.ReleaseAsync(campaign.Id, owner, CancellationToken.None);
                return;
            }
            var now = clock.GetUtcNow();
            var page = await db.CampaignRecipients.AsNoTracking()
                .Where(r => r.CampaignId == campaign.Id && RecipientStates.Pending.Contains(r.State) && (r.NextAttemptAt == null || r.NextAttemptAt <= now))
                .OrderBy(r => r.ContactId).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                await FinishOrWaitAsync(campaign, owner, ct);
                return;
            }
            page = await SkipOptedOutAsync(campaign, page, ct);
            var reached = await ReachedInLastDayAsync(campaign.TenantId, now, ct);
            if (reached >= messagingLimit)
            {
                await WaitAsync(campaign, owner, Options.MessagingLimitRecheck,
                    $"{CampaignReasons.MessagingLimit}: {reached} of {messagingLimit} unique customers reached in the last 24 hours", ct);
                return;
            }
            var sentAny = false;
            foreach (var recipient in page.Take(messagingLimit - reached))
            {
                var wait = gate.Reserve();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, ct);
                }
                var outcome = await SendOneAsync(campaign, owner, recipient, phoneNumberId, mapping, gate, ct);
                if (outcome == Outcome.Stop)
                {
                    break;
                }
                if (outcome is Outcome.Wait)
                {
                    return;
                }
                sentAny |= outcome == Outcome.Sent;
            }
            if (sentAny)
            {
                await lease.ClearWaitAsync(campaign.Id, owner, ct);
            }
        }
    }

    /// <summary>One recipient: marked sending, sent, then sent / queued again / failed by what Meta answered.</summary>
    private async Task<Outcome> SendOneAsync(Campaign c, string owner, CampaignRecipient recipient, string number, IReadOnlyList<CampaignParameter> map, RateGate g, CancellationToken token)
    {
        // Written before the call, and only while the campaign still runs: a pause or cancel stops the next send at once.
        var attempts = recipient.Attempts + 1;
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE campaign_recipients AS r SET state = {RecipientStates.Sending}, attempts = {attempts}, updated_at = {clock.GetUtcNow()}
            FROM campaigns AS c
            WHERE c.id = r.campaign_id AND c.status = {CampaignStatuses.Running} AND c.lease_owner = {owner}
              AND r.campaign_id = {c.Id} AND r.contact_id = {recipient.ContactId} AND r.state IN ({RecipientStates.Queued}, {RecipientStates.Sending})
            """, token);
        if (claimed == 0)
        {
            return Outcome.Stop;
        }
        var call = await messages.SendAsync(c, recipient, number, map, token);
        var now = clock.GetUtcNow();
        if (call.Result is { } sent)
        {
            await MarkSentAsync(c, recipient, sent.Wamid, now, token);
            await messages.TrackAsync(c, recipient, sent.Wamid, number, token);
            return Outcome.Sent;
        }
        var error = call.Error!;
        switch (PacingPolicy.Decide(error, attempts, now, Options))
        {
            case SendDecision.RetryRecipient retry:
                if (retry.HoldNumber)
                {
                    g.HoldUntil(retry.At);
                }
                await Requeue(recipient, retry.At, error.Code, error.Message, token);
                logger.LogInformation("Campaign {CampaignId}: {Code} for {ContactId}, again at {At}", c.Id, error.Code, recipient.ContactId, retry.At);
                return retry.HoldNumber ? Outcome.Stop : Outcome.Retried;
            case SendDecision.WaitCampaign wait:
                await Requeue(recipient, null, error.Code, error.Message, token);
                await lease.WaitAsync(c.Id, owner, wait.Until, wait.Reason, token);
                logger.LogWarning("Campaign {CampaignId} waits until {Until}: {Reason}", c.Id, wait.Until, wait.Reason);
                return Outcome.Wait;
            case SendDecision.FailRecipient fail:
                await Update(recipient).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.State, RecipientStates.Failed)
                    .SetProperty(r => r.FailureCode, fail.Code)
                    .SetProperty(r => r.FailureReason, Truncate(fail.Reason))
                    .SetProperty(r => r.StatusAt, now)
                    .SetProperty(r => r.UpdatedAt, now), token);
                return Outcome.Failed;
            default:
                throw new InvalidOperationException("Unknown send decision");
        }
    }

    /// <summary>
    /// sending → sent with Meta's wamid, and the funnel's sent figure, in one transaction: a recipient sent again
    /// after a restart (same key, same wamid) is no longer <c>sending</c> once this committed, so it counts once.
    /// </summary>
    private Task MarkSentAsync(Campaign c, CampaignRecipient recipient, string wamid, DateTimeOffset now, CancellationToken ct) =>
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await Update(recipient).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, RecipientStates.Sent)
                .SetProperty(r => r.Wamid, wamid)
                .SetProperty(r => r.SentAt, now)
                .SetProperty(r => r.StatusAt, now)
                .SetProperty(r => r.FailureCode, (string?)null)
                .SetProperty(r => r.FailureReason, (string?)null)
                .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(r => r.UpdatedAt, now), ct);
            if (moved > 0)
            {
                await funnel.RecordAsync(c.TenantId, c.Id, CampaignFunnelStage.Sent, now, ct);
            }
            await transaction.CommitAsync(ct);
        });

    private IQueryable<CampaignRecipient> Update(CampaignRecipient recipient) =>
        db.CampaignRecipients.Where(r => r.CampaignId == recipient.CampaignId && r.ContactId == recipient.ContactId && r.State == RecipientStates.Sending);

    private Task Requeue(CampaignRecipient recipient, DateTimeOffset? at, string code, string reason, CancellationToken ct) =>
        Update(recipient).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, RecipientStates.Queued)
            .SetProperty(r => r.NextAttemptAt, at)
            .SetProperty(r => r.FailureCode, code)
            .SetProperty(r => r.FailureReason, Truncate(reason))
            .SetProperty(r => r.UpdatedAt, clock.GetUtcNow()), ct);

    /// <summary>
    /// Asked at send time, so an opt-out after the campaign was made holds. A recipient already <c>sending</c> passed
    /// this check before its first attempt and may have been sent; it is sent again under its key (at most once).
    /// </summary>
    private async Task<List<CampaignRecipient>> SkipOptedOutAsync(Campaign campaign, List<CampaignRecipient> page, CancellationToken ct)
    {
        var ids = page.Where(r => r.State == RecipientStates.Queued).Select(r => r.ContactId).ToList();
        var optedOut = await db.Contacts.Where(c => c.TenantId == campaign.TenantId && ids.Contains(c.Id) && c.ConsentStatus == ConsentStatus.OptedOut)
            .Select(c => c.Id).ToListAsync(ct);
        if (optedOut.Count == 0)
        {
            return page;
        }
        var now = clock.GetUtcNow();
        await db.CampaignRecipients
            .Where(r => r.CampaignId == campaign.Id && optedOut.Contains(r.ContactId) && r.State == RecipientStates.Queued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, RecipientStates.Skipped)
                .SetProperty(r => r.FailureReason, CampaignReasons.OptedOut)
                .SetProperty(r => r.StatusAt, now)
                .SetProperty(r => r.UpdatedAt, now), ct);
        return page.Where(r => !optedOut.Contains(r.ContactId)).ToList();
    }

    /// <summary>Unique customers the tenant's campaigns reached in the moving 24 hours Meta's messaging limit counts.</summary>
    private Task<int> ReachedInLastDayAsync(string tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddHours(-24);
        return db.CampaignRecipients.Where(r => r.TenantId == tenantId && r.SentAt > since).Select(r => r.Address).Distinct().CountAsync(ct);
    }

    /// <summary>No recipient is due: completed when none is pending, else the campaign waits for the next retry.</summary>
    private async Task FinishOrWaitAsync(Campaign campaign, string owner, CancellationToken ct)
    {
        var next = await db.CampaignRecipients
            .Where(r => r.CampaignId == campaign.Id && RecipientStates.Pending.Contains(r.State))
            .MinAsync(r => r.NextAttemptAt, ct);
        if (next is null && !await db.CampaignRecipients.AnyAsync(r => r.CampaignId == campaign.Id && RecipientStates.Pending.Contains(r.State), ct))
        {
            await lease.CompleteAsync(campaign.Id, owner, ct);
            logger.LogInformation("Campaign {CampaignId} completed", campaign.Id);
            return;
        }
        await lease.WaitAsync(campaign.Id, owner, next ?? clock.GetUtcNow(), CampaignReasons.Retrying, ct);
    }

    private Task WaitAsync(Campaign campaign, string owner, TimeSpan delay, string reason, CancellationToken ct) =>
        lease.WaitAsync(campaign.Id, owner, clock.GetUtcNow() + delay, reason, ct);

    private static string Truncate(string text) => text.Length > 1024 ? text[..1024] : text;

    private enum Outcome
    {
        Sent,
        Retried,
        Failed,
        Stop,
        Wait,
    }
}
