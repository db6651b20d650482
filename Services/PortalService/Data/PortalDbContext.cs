using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Lists;
using WhatsAppGenesys.PortalService.QuickReplies;
using WhatsAppGenesys.PortalService.Settings;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService.Data;

/// <summary>
/// The portal's own database (<c>portaldb</c>): what a business reads and manages in the console, beside the message
/// pipeline's ledger rather than inside it. Every row carries its tenant, and every query filters on it.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<PortalSettingsRow> Settings => Set<PortalSettingsRow>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ConsentEvent> ConsentEvents => Set<ConsentEvent>();
    public DbSet<ContactList> Lists => Set<ContactList>();
    public DbSet<ContactListMember> ListMembers => Set<ContactListMember>();

    public DbSet<HistoryMessageRow> Messages => Set<HistoryMessageRow>();

    public DbSet<HistoryStatusRow> Statuses => Set<HistoryStatusRow>();

    public DbSet<ErasureAuditRow> Erasures => Set<ErasureAuditRow>();

    public DbSet<MessageTemplateRow> Templates => Set<MessageTemplateRow>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignRecipient> CampaignRecipients => Set<CampaignRecipient>();

    public DbSet<AnalyticsCounterRow> AnalyticsCounters => Set<AnalyticsCounterRow>();

    public DbSet<AgentUser> Agents => Set<AgentUser>();

    public DbSet<QuickReply> QuickReplies => Set<QuickReply>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgentUser>(agent =>
        {
            agent.ToTable("agent_users");
            agent.HasKey(a => a.Id);
            agent.Property(a => a.TenantId).HasMaxLength(64);
            agent.Property(a => a.GenesysUserId).HasMaxLength(64);
            agent.Property(a => a.Name).HasMaxLength(256);
            agent.Property(a => a.Email).HasMaxLength(256);
            agent.Property(a => a.Role).HasMaxLength(16);
            // One agent per Genesys user and tenant: a second first sign-in finds the first one's row.
            agent.HasIndex(a => new { a.TenantId, a.GenesysUserId }).IsUnique();
        });

        modelBuilder.Entity<PortalSettingsRow>(settings =>
        {
            settings.ToTable("portal_settings");
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.TenantId).HasMaxLength(64);
        });

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts", table => table.HasCheckConstraint("ck_contacts_phone_or_bsuid", "phone_number IS NOT NULL OR bsuid IS NOT NULL"));
            contact.HasKey(c => c.Id);
            contact.Property(c => c.TenantId).HasMaxLength(64);
            contact.Property(c => c.PhoneNumber).HasMaxLength(16);
            contact.Property(c => c.Bsuid).HasMaxLength(Bsuids.MaxLength);
            contact.Property(c => c.Name).HasMaxLength(ContactRules.MaxNameLength);
            contact.Property(c => c.Attributes).IsJsonbDictionary();
            contact.Property(c => c.ConsentStatus).HasMaxLength(16);
            contact.Property(c => c.ConsentSource).HasMaxLength(32);
            contact.HasIndex(c => new { c.TenantId, c.PhoneNumber }).IsUnique().HasFilter("phone_number IS NOT NULL");
            contact.HasIndex(c => new { c.TenantId, c.Bsuid }).IsUnique().HasFilter("bsuid IS NOT NULL");
            // Keyset paging and audience streams walk a tenant's contacts in id order.
            contact.HasIndex(c => new { c.TenantId, c.Id });
            contact.HasIndex(c => c.Tags).HasMethod("gin");
            contact.HasIndex(c => c.Attributes).HasMethod("gin").HasOperators("jsonb_path_ops");
        });

        modelBuilder.Entity<ConsentEvent>(consent =>
        {
            consent.ToTable("consent_events");
            consent.HasKey(e => e.Id);
            consent.Property(e => e.TenantId).HasMaxLength(64);
            consent.Property(e => e.Action).HasMaxLength(16);
            consent.Property(e => e.Source).HasMaxLength(32);
            consent.Property(e => e.MessageId).HasMaxLength(128);
            consent.Property(e => e.Note).HasMaxLength(256);
            consent.Property(e => e.AcknowledgementMessageId).HasMaxLength(128);
            consent.HasOne<Contact>().WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
            consent.HasIndex(e => new { e.ContactId, e.Id });
            // A customer's message changes consent at most once, however often it is delivered.
            consent.HasIndex(e => new { e.TenantId, e.MessageId }).IsUnique().HasFilter("message_id IS NOT NULL");
        });

        modelBuilder.Entity<ContactList>(list =>
        {
            list.ToTable("contact_lists");
            list.HasKey(l => l.Id);
            list.Property(l => l.TenantId).HasMaxLength(64);
            list.Property(l => l.Name).HasMaxLength(200);
            list.Property(l => l.Kind).HasMaxLength(16);
            list.Property(l => l.FilterAttributes).IsJsonbDictionary();
            list.HasIndex(l => new { l.TenantId, l.Name }).IsUnique();
            list.HasIndex(l => new { l.TenantId, l.Id });
        });

        modelBuilder.Entity<ContactListMember>(member =>
        {
            member.ToTable("contact_list_members");
            member.HasKey(m => new { m.ListId, m.ContactId });
            member.Property(m => m.TenantId).HasMaxLength(64);
            member.HasOne<ContactList>().WithMany().HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.ContactId);
        });

        HistoryModel.Configure(modelBuilder);
        TemplateModel.Configure(modelBuilder);
        CampaignModel.Configure(modelBuilder);
        AnalyticsModel.Configure(modelBuilder);
        QuickReplyModel.Configure(modelBuilder);
    }
}
