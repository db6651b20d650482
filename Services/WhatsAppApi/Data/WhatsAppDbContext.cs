using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.WhatsAppApi.Data;

/// <summary>
/// The WhatsApp API service's own database (<c>whatsappdb</c>): <c>whatsapp_responses</c>, one row per
/// message sent through the direct send API, with what Meta answered.
/// </summary>
public sealed class WhatsAppDbContext(DbContextOptions<WhatsAppDbContext> options) : DbContext(options)
{
    public DbSet<WhatsAppResponseRow> Responses => Set<WhatsAppResponseRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WhatsAppResponseRow>(response =>
        {
            response.ToTable("whatsapp_responses");
            response.HasKey(r => r.Id);
            // GET /api/v1/messages/{id} looks a message up by wamid, always within the caller's tenant.
            response.HasIndex(r => new { r.TenantId, r.Wamid }).IsUnique();
            response.HasIndex(r => new { r.TenantId, r.CreatedAt });
            response.Property(r => r.TenantId).HasMaxLength(64);
            response.Property(r => r.Wamid).HasMaxLength(256);
            response.Property(r => r.IdempotencyKey).HasMaxLength(256);
            response.Property(r => r.PhoneNumberId).HasMaxLength(50);
            response.Property(r => r.Recipient).HasMaxLength(128);
            response.Property(r => r.MessageType).HasMaxLength(32);
            response.Property(r => r.Status).HasMaxLength(16);
            response.Property(r => r.MessageStatus).HasMaxLength(64);
            response.Property(r => r.ErrorCode).HasMaxLength(32);
            response.Property(r => r.ErrorMessage).HasMaxLength(1024);
            response.Property(r => r.Response).HasColumnType("jsonb");
        });
    }
}

public sealed class WhatsAppResponseRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }

    /// <summary>Meta's message id; null when Meta refused the message.</summary>
    public string? Wamid { get; set; }
    public string? IdempotencyKey { get; set; }
    public required string PhoneNumberId { get; set; }
    public required string Recipient { get; set; }
    public required string MessageType { get; set; }

    /// <summary>"accepted" or "failed".</summary>
    public required string Status { get; set; }

    /// <summary>Meta's <c>message_status</c> for templates ("accepted", "held_for_quality_assessment", "paused").</summary>
    public string? MessageStatus { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>Meta's raw answer to the send.</summary>
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
