using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.PortalService.QuickReplies;

/// <summary>The <c>quick_replies</c> table: one row per saved answer, its title unique within the tenant.</summary>
public static class QuickReplyModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<QuickReply>(reply =>
        {
            reply.ToTable("quick_replies");
            reply.HasKey(r => r.Id);
            reply.Property(r => r.TenantId).HasMaxLength(64);
            reply.Property(r => r.Title).HasMaxLength(Contracts.Agents.QuickReplyRequest.MaxTitleLength);
            reply.Property(r => r.Text).HasMaxLength(Contracts.Agents.AgentReplyRequest.MaxTextLength);
            reply.Property(r => r.UpdatedBy).HasMaxLength(256);
            reply.HasIndex(r => new { r.TenantId, r.Title }).IsUnique();
        });
}
