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
/// audience into recipients, then goes through them page by page in contact order, starting one send every 1/rate
/// seconds and keeping several in flight (<see cref="SendsInFlight"/>); each send is a <see cref="RecipientSender"/>
/// in a scope of its own. A page is read after the previous one (by contact id), so the sends of one page are still
/// in flight while the next starts; before the run reads from the first recipient again (retries that came due),
/// or stops, every send in flight is waited for, so no recipient is ever sent twice at once.
/// </summary>
public sealed class CampaignRunner(
    PortalDbContext db,
    IServiceScopeFactory scopes,
    CampaignLease lease,
    AudienceMaterializer materializer,
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
        var named = TemplateRules.IsNamed(campaign.ParameterFormat);

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
        // Counted in the database when the run starts and whenever the estimate (that count plus the sends started
        // since, each perhaps a new customer) reaches the limit: not a distinct count over the recipients per page.
        var reached = await ReachedInLastDayAsync(campaign.TenantId, ct);
        await using var sends = new SendsInFlight(Math.Max(1, Options.MaxSendsInFlight));
        Guid? after = null;
        while (true)
        {
            if (await lease.HeartbeatAsync(campaign.Id, owner, Options.LeaseDuration, ct) != CampaignStatuses.Running)
            {
                await DrainAsync(sends, campaign, owner, ct);
                await lease.ReleaseAsync(campaign.Id, owner, CancellationToken.None);
                return;
            }
            var now = clock.GetUtcNow();
            var page = await db.CampaignRecipients.AsNoTracking()
                .Where(r => r.CampaignId == campaign.Id && RecipientStates.Pending.Contains(r.State) && (r.NextAttemptAt == null || r.NextAttemptAt <= now))
                .Where(r => after == null || r.ContactId.CompareTo(after.Value) > 0)
                .OrderBy(r => r.ContactId).Take(pageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                await DrainAsync(sends, campaign, owner, ct);
                if (after is not null)
                {
                    // The end of the list: from the first recipient again, for the retries that came due meanwhile.
                    after = null;
                    continue;
                }
                await FinishOrWaitAsync(campaign, owner, ct);
                return;
            }
            after = page[^1].ContactId;
            page = await SkipOptedOutAsync(campaign, page, ct);
            if (reached + page.Count > messagingLimit)
            {
                await DrainAsync(sends, campaign, owner, ct);
                reached = await ReachedInLastDayAsync(campaign.TenantId, ct);
                if (reached >= messagingLimit)
                {
                    await WaitAsync(campaign, owner, Options.MessagingLimitRecheck,
                        $"{CampaignReasons.MessagingLimit}: {reached} of {messagingLimit} unique customers reached in the last 24 hours", ct);
                    return;
                }
            }
            foreach (var recipient in page.Take(messagingLimit - reached))
            {
                var wait = gate.Reserve();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, ct);
                }
                if (sends.StopRequested)
                {
                    break;
                }
                reached++;
                await sends.StartAsync(() => SendAsync(campaign, owner, recipient, phoneNumberId, mapping, gate, ct), ct);
            }
            if (sends.StopRequested)
            {
                // Paused, cancelled, throttled or waiting: settle what is in flight, then look again from the first recipient.
                await DrainAsync(sends, campaign, owner, ct);
                if (sends.WaitRequested)
                {
                    return;
                }
                after = null;
            }
            if (sends.AnySent)
            {
                await lease.ClearWaitAsync(campaign.Id, owner, ct);
            }
        }
    }

    /// <summary>
    /// Waits for the sends in flight, renewing the lease meanwhile: Meta may hold a send for seconds, and a lease that
    /// ran out while this runner waited would let another runner take the campaign up beside it.
    /// </summary>
    private async Task DrainAsync(SendsInFlight sends, Campaign campaign, string owner, CancellationToken ct)
    {
        var drained = sends.DrainAsync();
        while (await Task.WhenAny(drained, Task.Delay(Options.LeaseDuration / 3, clock, ct)) != drained)
        {
            await lease.HeartbeatAsync(campaign.Id, owner, Options.LeaseDuration, ct);
        }
        await drained;
    }

    private async Task<SendOutcome> SendAsync(Campaign campaign, string owner, CampaignRecipient recipient, string phoneNumberId,
        IReadOnlyList<CampaignParameter> mapping, RateGate gate, CancellationToken ct)
    {
        using var activity = CampaignTrace.StartSend(campaign, recipient);
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RecipientSender>()
            .SendAsync(campaign, owner, recipient, phoneNumberId, mapping, gate, ct);
        activity?.SetTag("campaign.send.outcome", outcome.ToString());
        return outcome;
    }

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
    private Task<int> ReachedInLastDayAsync(string tenantId, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddHours(-24);
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
}
