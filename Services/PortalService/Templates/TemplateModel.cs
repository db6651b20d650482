using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>The template table: unique per tenant on (name, language), Meta's identity of a template, and on Meta's id.</summary>
public static class TemplateModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<MessageTemplateRow>(template =>
        {
            template.ToTable("message_templates");
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).UseIdentityAlwaysColumn();
            template.Property(t => t.TenantId).HasMaxLength(64);
            template.Property(t => t.MetaId).HasMaxLength(64);
            template.Property(t => t.Name).HasMaxLength(TemplateRules.MaxNameLength);
            template.Property(t => t.Language).HasMaxLength(16);
            template.Property(t => t.Category).HasMaxLength(32);
            template.Property(t => t.Status).HasMaxLength(32);
            template.Property(t => t.RejectedReason).HasMaxLength(256);
            template.Property(t => t.ParameterFormat).HasMaxLength(16);
            template.Property(t => t.Components).HasColumnType("jsonb");
            template.HasIndex(t => new { t.TenantId, t.Name, t.Language }).IsUnique();
            template.HasIndex(t => new { t.TenantId, t.MetaId }).IsUnique();
            template.HasIndex(t => new { t.TenantId, t.Status });
        });
}
