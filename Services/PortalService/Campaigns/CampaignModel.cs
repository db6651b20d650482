using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>The campaign tables: campaigns, and their recipients keyed by (campaign, contact) with the wamid findable per tenant.</summary>
public static class CampaignModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Campaign>(campaign =>
        {
            campaign.ToTable("campaigns");
            campaign.HasKey(c => c.Id);
            campaign.Property(c => c.TenantId).HasMaxLength(64);
            campaign.Property(c => c.Name).HasMaxLength(CampaignRules.MaxNameLength);
            campaign.Property(c => c.TemplateName).HasMaxLength(512);
            campaign.Property(c => c.TemplateLanguage).HasMaxLength(16);
            campaign.Property(c => c.ParameterFormat).HasMaxLength(16);
            campaign.Property(c => c.Parameters).HasColumnType("jsonb");
            campaign.Property(c => c.Audience).HasColumnType("jsonb");
            campaign.Property(c => c.TimeZone).HasMaxLength(64);
            campaign.Property(c => c.LocalTime).HasMaxLength(32);
            campaign.Property(c => c.Status).HasMaxLength(16);
            campaign.Property(c => c.WaitReason).HasMaxLength(256);
            campaign.Property(c => c.LeaseOwner).HasMaxLength(128);
            campaign.HasIndex(c => new { c.TenantId, c.Id });
            // The scheduler's question: which runnable campaigns are due?
            campaign.HasIndex(c => new { c.Status, c.ScheduledAt });
        });

        modelBuilder.Entity<CampaignRecipient>(recipient =>
        {
            recipient.ToTable("campaign_recipients");
            recipient.HasKey(r => new { r.CampaignId, r.ContactId });
            recipient.Property(r => r.TenantId).HasMaxLength(64);
            recipient.Property(r => r.Address).HasMaxLength(128);
            recipient.Property(r => r.ParameterValues).HasColumnType("jsonb");
            recipient.Property(r => r.State).HasMaxLength(16);
            recipient.Property(r => r.Wamid).HasMaxLength(128);
            recipient.Property(r => r.FailureCode).HasMaxLength(32);
            recipient.Property(r => r.FailureReason).HasMaxLength(1024);
            recipient.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
            // Meta's statuses find their recipient by wamid.
            recipient.HasIndex(r => new { r.TenantId, r.Wamid }).HasFilter("wamid IS NOT NULL");
            // The sender's next page: pending recipients in contact order.
            recipient.HasIndex(r => new { r.CampaignId, r.State, r.ContactId });
            // The messaging-limit budget: whom the tenant reached in the last 24 hours.
            recipient.HasIndex(r => new { r.TenantId, r.SentAt }).HasFilter("sent_at IS NOT NULL");
            // A customer's reply or opt-out finds the campaign message sent to them last: by address and send time.
            recipient.HasIndex(r => new { r.TenantId, r.Address, r.SentAt }).HasFilter("sent_at IS NOT NULL");
        });
    }
}
