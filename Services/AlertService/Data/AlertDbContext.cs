using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.AlertService.Data;

/// <summary>The alert service's own database (<c>alertdb</c>): alerts and their history, subscriptions, deliveries.</summary>
public sealed class AlertDbContext(DbContextOptions<AlertDbContext> options) : DbContext(options)
{
    public DbSet<AlertRow> Alerts => Set<AlertRow>();

    public DbSet<AlertSubscriptionRow> Subscriptions => Set<AlertSubscriptionRow>();

    public DbSet<AlertDeliveryRow> Deliveries => Set<AlertDeliveryRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AlertRow>(alert =>
        {
            alert.ToTable("alerts");
            alert.HasKey(a => a.Id);
            // Deduplication: one open alert per rule, tenant and subject, whoever evaluates. Resolved ones are history.
            alert.HasIndex(a => new { a.Rule, a.TenantId, a.Subject }).IsUnique().HasFilter("state = 'open'");
            alert.HasIndex(a => new { a.TenantId, a.OpenedAt });
            alert.HasIndex(a => a.OpenedAt);
            alert.Property(a => a.Rule).HasMaxLength(64);
            alert.Property(a => a.TenantId).HasMaxLength(64);
            alert.Property(a => a.Subject).HasMaxLength(256);
            alert.Property(a => a.Severity).HasMaxLength(16);
            alert.Property(a => a.State).HasMaxLength(16);
            alert.Property(a => a.Summary).HasMaxLength(1024);
        });

        modelBuilder.Entity<AlertSubscriptionRow>(subscription =>
        {
            subscription.ToTable("alert_subscriptions");
            subscription.HasKey(s => s.Id);
            subscription.HasIndex(s => s.TenantId);
            subscription.Property(s => s.TenantId).HasMaxLength(64);
            subscription.Property(s => s.Channel).HasMaxLength(16);
            subscription.Property(s => s.Target).HasMaxLength(2048);
            subscription.Property(s => s.MinimumSeverity).HasMaxLength(16);
            subscription.Property(s => s.SecretKeyId).HasMaxLength(32);
        });

        modelBuilder.Entity<AlertDeliveryRow>(delivery =>
        {
            delivery.ToTable("alert_deliveries");
            delivery.HasKey(d => d.Id);
            // The throttle's questions: this subscription's deliveries of the last hour; this alert key's last one.
            delivery.HasIndex(d => new { d.SubscriptionId, d.At });
            delivery.HasIndex(d => new { d.AlertKey, d.At });
            delivery.HasIndex(d => d.AlertId);
            delivery.Property(d => d.AlertKey).HasMaxLength(400);
            delivery.Property(d => d.Event).HasMaxLength(32);
            delivery.Property(d => d.Outcome).HasMaxLength(16);
            delivery.Property(d => d.Error).HasMaxLength(512);
        });
    }
}

public sealed class AlertRow
{
    public Guid Id { get; set; }
    public required string Rule { get; set; }
    public required string TenantId { get; set; }
    public required string Subject { get; set; }
    public required string Severity { get; set; }
    public required string State { get; set; }
    public required string Summary { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public string Key => $"{Rule}|{TenantId}|{Subject}";
}

public sealed class AlertSubscriptionRow
{
    public Guid Id { get; set; }

    /// <summary>The tenant whose alerts it receives, or <c>platform</c> for an operator's subscription (every alert).</summary>
    public required string TenantId { get; set; }
    public required string Channel { get; set; }
    public required string Target { get; set; }
    public required string MinimumSeverity { get; set; }

    /// <summary>The webhook's signing secret, AES-256-GCM under <see cref="SecretKeyId"/>; null for e-mail.</summary>
    public string? SecretKeyId { get; set; }
    public byte[]? SecretCiphertext { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One notification of one alert to one subscription: sent, failed, or held back by the throttle.</summary>
public sealed class AlertDeliveryRow
{
    public long Id { get; set; }
    public Guid AlertId { get; set; }
    public required string AlertKey { get; set; }
    public Guid SubscriptionId { get; set; }
    public required string Event { get; set; }
    public required string Outcome { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>What became of a notification.</summary>
public static class DeliveryOutcomes
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Throttled = "throttled";
}
