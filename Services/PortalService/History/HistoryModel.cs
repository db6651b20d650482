using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>The history tables: their keys, lengths and the indexes the API's keyset pages and searches use.</summary>
public static class HistoryModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        // Trigram index for substring search (ILIKE '%…%') in any language, without stemming surprises.
        modelBuilder.HasPostgresExtension("pg_trgm");

        modelBuilder.Entity<HistoryMessageRow>(message =>
        {
            message.ToTable("history_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).UseIdentityAlwaysColumn();
            message.Property(m => m.TenantId).HasMaxLength(64);
            message.Property(m => m.CustomerId).HasMaxLength(128);
            message.Property(m => m.WaId).HasMaxLength(32);
            message.Property(m => m.Bsuid).HasMaxLength(128);
            message.Property(m => m.PhoneNumberId).HasMaxLength(64);
            message.Property(m => m.Direction).HasMaxLength(8);
            message.Property(m => m.MessageId).HasMaxLength(256);
            message.Property(m => m.GenesysMessageId).HasMaxLength(256);
            message.Property(m => m.Type).HasMaxLength(32);
            message.Property(m => m.MediaBucket).HasMaxLength(64);
            message.Property(m => m.MediaKey).HasMaxLength(1024);
            message.Property(m => m.MediaMimeType).HasMaxLength(255);
            message.Property(m => m.MediaFilename).HasMaxLength(255);
            message.Property(m => m.TemplateName).HasMaxLength(512);
            message.Property(m => m.TemplateLanguage).HasMaxLength(32);
            message.Property(m => m.ReactionEmoji).HasMaxLength(32);
            message.Property(m => m.ReactionMessageId).HasMaxLength(256);
            message.Property(m => m.ReplyToMessageId).HasMaxLength(256);
            message.Property(m => m.CustomerName).HasMaxLength(256);
            message.Property(m => m.AgentId).HasMaxLength(256);
            message.Property(m => m.AgentName).HasMaxLength(256);
            message.Property(m => m.ArchiveBucket).HasMaxLength(64);
            message.Property(m => m.ArchiveKey).HasMaxLength(1024);
            message.Property(m => m.Status).HasMaxLength(16);
            message.Property(m => m.FailureCode).HasMaxLength(32);

            message.HasIndex(m => new { m.TenantId, m.Direction, m.MessageId }).IsUnique();
            message.HasIndex(m => new { m.TenantId, m.ConversationId, m.OccurredAt, m.Id });
            message.HasIndex(m => new { m.TenantId, m.CustomerId, m.OccurredAt, m.Id });
            message.HasIndex(m => new { m.TenantId, m.OccurredAt, m.Id });
            message.HasIndex(m => new { m.TenantId, m.WaId });
            message.HasIndex(m => new { m.TenantId, m.Bsuid });
            // The conversations an agent replied in (the agent portal's "mine").
            message.HasIndex(m => new { m.TenantId, m.AgentId, m.ConversationId });
            message.HasIndex(m => m.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        });

        modelBuilder.Entity<HistoryStatusRow>(status =>
        {
            status.ToTable("history_message_statuses");
            status.HasKey(s => s.Id);
            status.Property(s => s.Id).UseIdentityAlwaysColumn();
            status.Property(s => s.TenantId).HasMaxLength(64);
            status.Property(s => s.CustomerId).HasMaxLength(128);
            status.Property(s => s.MessageId).HasMaxLength(256);
            status.Property(s => s.Status).HasMaxLength(16);
            status.Property(s => s.FailureCode).HasMaxLength(32);
            status.HasIndex(s => new { s.TenantId, s.MessageId, s.Status }).IsUnique();
            status.HasIndex(s => new { s.TenantId, s.CustomerId });
            status.HasIndex(s => new { s.TenantId, s.OccurredAt });
        });

        modelBuilder.Entity<ErasureAuditRow>(audit =>
        {
            audit.ToTable("history_erasures");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).UseIdentityAlwaysColumn();
            audit.Property(a => a.TenantId).HasMaxLength(64);
            audit.Property(a => a.CustomerHash).HasMaxLength(64);
            audit.Property(a => a.RequestedBy).HasMaxLength(128);
            audit.Property(a => a.CorrelationId).HasMaxLength(128);
            audit.HasIndex(a => new { a.TenantId, a.RequestedAt });
        });
    }
}
