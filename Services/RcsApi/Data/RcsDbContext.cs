using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.RcsApi.Data;

/// <summary>
/// The RCS API service's own database (<c>rcsdb</c>): <c>rcs_responses</c>, one row per message sent through the RCS
/// send API with what the provider answered, and <c>media_responses</c>, one row per file sent by URL.
/// </summary>
public sealed class RcsDbContext(DbContextOptions<RcsDbContext> options) : DbContext(options)
{
    public DbSet<RcsResponseRow> Responses => Set<RcsResponseRow>();

    public DbSet<MediaResponseRow> Media => Set<MediaResponseRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RcsResponseRow>(response =>
        {
            response.ToTable("rcs_responses");
            response.HasKey(r => r.Id);
            // The status route looks a message up by its id, always within the caller's tenant.
            response.HasIndex(r => new { r.TenantId, r.MessageId }).IsUnique();
            // A retried request with the same idempotency key finds the first one's row.
            response.HasIndex(r => new { r.TenantId, r.IdempotencyKey });
            response.HasIndex(r => new { r.TenantId, r.CreatedAt });
            response.Property(r => r.TenantId).HasMaxLength(64);
            response.Property(r => r.MessageId).HasMaxLength(64);
            response.Property(r => r.IdempotencyKey).HasMaxLength(256);
            response.Property(r => r.AgentId).HasMaxLength(128);
            response.Property(r => r.Recipient).HasMaxLength(32);
            response.Property(r => r.MessageType).HasMaxLength(32);
            response.Property(r => r.Status).HasMaxLength(16);
            response.Property(r => r.ErrorCode).HasMaxLength(64);
            response.Property(r => r.ErrorMessage).HasMaxLength(1024);
            response.Property(r => r.Response).HasColumnType("jsonb");
        });

        modelBuilder.Entity<MediaResponseRow>(media =>
        {
            media.ToTable("media_responses");
            media.HasKey(m => m.Id);
            media.HasIndex(m => new { m.TenantId, m.MessageId });
            media.Property(m => m.TenantId).HasMaxLength(64);
            media.Property(m => m.MessageId).HasMaxLength(64);
            media.Property(m => m.FileUrl).HasMaxLength(2048);
            media.Property(m => m.ThumbnailUrl).HasMaxLength(2048);
            media.Property(m => m.Status).HasMaxLength(16);
        });
    }
}
