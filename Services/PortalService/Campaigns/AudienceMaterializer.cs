using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Audience;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Writes a campaign's audience into its recipients, <see cref="BatchSize"/> at a time, each batch in one transaction
/// with the campaign's audience cursor (the last contact written). Never more than a batch is in memory, and a restart
/// reads the audience on after the cursor: nobody is written twice, nobody left out. Parameters are rendered here, so
/// a contact lacking an attribute is skipped with the reason before anything is sent. Each batch adds its size to the
/// funnel's targeted figure in its own transaction, so a batch written once is counted once.
/// </summary>
public sealed class AudienceMaterializer(PortalDbContext db, AudienceStream audience, CampaignLease lease, CampaignFunnel funnel, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <summary>False when the lease was lost (or the campaign stopped running) on the way.</summary>
    public async Task<bool> MaterializeAsync(Campaign campaign, string owner, TimeSpan leaseDuration, CancellationToken ct)
    {
        var mapping = CampaignJson.Parameters(campaign.Parameters);
        var definition = CampaignJson.Audience(campaign.Audience);
        var batch = new List<CampaignRecipient>(BatchSize);
        await foreach (var member in audience.StreamAsync(campaign.TenantId, new AudienceDefinition(definition.Lists ?? [], definition.Tags ?? []),
            campaign.AudienceCursor, ct))
        {
            batch.Add(Recipient(campaign, mapping, member));
            if (batch.Count == BatchSize)
            {
                if (!await FlushAsync(campaign, owner, leaseDuration, batch, complete: false, ct))
                {
                    return false;
                }
            }
        }
        return await FlushAsync(campaign, owner, leaseDuration, batch, complete: true, ct);
    }

    private CampaignRecipient Recipient(Campaign campaign, IReadOnlyList<CampaignParameter> mapping, AudienceMember member)
    {
        var now = clock.GetUtcNow();
        var recipient = new CampaignRecipient
        {
            CampaignId = campaign.Id,
            ContactId = member.ContactId,
            TenantId = campaign.TenantId,
            Address = member.PhoneNumber ?? member.Bsuid,
            State = RecipientStates.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (recipient.Address is null)
        {
            recipient.State = RecipientStates.Skipped;
            recipient.FailureReason = CampaignReasons.NoAddress;
            return recipient;
        }
        var (values, missing) = ParameterMapping.Render(mapping, member);
        if (values is null)
        {
            recipient.State = RecipientStates.Skipped;
            recipient.FailureReason = $"{CampaignReasons.MissingAttribute}: {missing}";
            return recipient;
        }
        recipient.ParameterValues = CampaignJson.Write(values);
        return recipient;
    }

    private async Task<bool> FlushAsync(Campaign campaign, string owner, TimeSpan leaseDuration, List<CampaignRecipient> batch, bool complete, CancellationToken ct)
    {
        var campaignId = campaign.Id;
        if (await lease.HeartbeatAsync(campaignId, owner, leaseDuration, ct) != CampaignStatuses.Running)
        {
            return false;
        }
        Guid? cursor = batch.Count > 0 ? batch[^1].ContactId : null;
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var held = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.CampaignRecipients.AddRange(batch);
            await db.SaveChangesAsync(ct);
            var stillOwner = await db.Campaigns.Where(c => c.Id == campaignId && c.LeaseOwner == owner).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.AudienceCursor, c => cursor ?? c.AudienceCursor)
                .SetProperty(c => c.AudienceComplete, complete), ct) > 0;
            if (stillOwner)
            {
                await funnel.RecordAsync(campaign.TenantId, campaignId, CampaignFunnelStage.Targeted, clock.GetUtcNow(), ct, recipients: batch.Count);
                await transaction.CommitAsync(ct);
            }
            else
            {
                // Another process took the campaign over since the heartbeat: it writes this batch itself.
                await transaction.RollbackAsync(ct);
            }
            return stillOwner;
        });
        db.ChangeTracker.Clear();
        batch.Clear();
        return held;
    }
}
