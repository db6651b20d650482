using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.StateManager.Data;

/// <summary>The state manager's own database (<c>statedb</c>): conversation mappings and the message ledger.</summary>
public sealed class StateDbContext(DbContextOptions<StateDbContext> options) : DbContext(options)
{
    public DbSet<ConversationMappingRow> ConversationMappings => Set<ConversationMappingRow>();

    public DbSet<MessageTrackingRow> MessageTracking => Set<MessageTrackingRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationMappingRow>(mapping =>
        {
            mapping.ToTable("conversation_mappings");
            mapping.HasKey(m => m.Id);
            // One conversation per customer per tenant: two first messages arriving together must meet here.
            mapping.HasIndex(m => new { m.TenantId, m.CustomerId }).IsUnique();
            mapping.HasIndex(m => m.ConversationId).IsUnique();
            mapping.HasIndex(m => new { m.TenantId, m.GenesysConversationId });
            mapping.Property(m => m.TenantId).HasMaxLength(64);
            mapping.Property(m => m.CustomerId).HasMaxLength(128);
            mapping.Property(m => m.WaId).HasMaxLength(50);
            mapping.Property(m => m.Bsuid).HasMaxLength(128);
            mapping.Property(m => m.ContactName).HasMaxLength(255);
            mapping.Property(m => m.PhoneNumberId).HasMaxLength(50);
            mapping.Property(m => m.DisplayPhoneNumber).HasMaxLength(50);
            mapping.Property(m => m.GenesysConversationId).HasMaxLength(64);
            mapping.Property(m => m.LastInboundMessageId).HasMaxLength(256);
            mapping.Property(m => m.LastInboundChannel).HasMaxLength(16);
        });

        modelBuilder.Entity<MessageTrackingRow>(message =>
        {
            message.ToTable("message_tracking");
            message.HasKey(m => m.Id);
            // The idempotency ledger: a message id is recorded once per tenant and direction.
            message.HasIndex(m => new { m.TenantId, m.Direction, m.MessageId }).IsUnique();
            message.HasIndex(m => new { m.TenantId, m.WhatsAppMessageId });
            message.HasIndex(m => new { m.TenantId, m.GenesysMessageId });
            message.HasIndex(m => m.ConversationId);
            message.Property(m => m.TenantId).HasMaxLength(64);
            message.Property(m => m.Direction).HasMaxLength(16);
            message.Property(m => m.MessageId).HasMaxLength(256);
            message.Property(m => m.CustomerId).HasMaxLength(128);
            message.Property(m => m.Status).HasMaxLength(16);
            message.Property(m => m.WhatsAppMessageId).HasColumnName("wamid").HasMaxLength(256);
            message.Property(m => m.GenesysMessageId).HasMaxLength(256);
            message.Property(m => m.StatusReason).HasMaxLength(1024);
        });
    }
}

public sealed class ConversationMappingRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string CustomerId { get; set; }
    public Guid ConversationId { get; set; }
    public string? WaId { get; set; }
    public string? Bsuid { get; set; }
    public string? ContactName { get; set; }
    public string? PhoneNumberId { get; set; }
    public string? DisplayPhoneNumber { get; set; }
    public string? GenesysConversationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? LastInboundAt { get; set; }
    public string? LastInboundMessageId { get; set; }
    public string? LastInboundChannel { get; set; }
}

public sealed class MessageTrackingRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string Direction { get; set; }
    public required string MessageId { get; set; }
    public required string CustomerId { get; set; }
    public Guid ConversationId { get; set; }
    public required string Status { get; set; }
    public string? WhatsAppMessageId { get; set; }
    public string? GenesysMessageId { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
