using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Model;

namespace WhatsAppGenesys.TenantService.Infrastructure;

public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantPhoneNumber> PhoneNumbers => Set<TenantPhoneNumber>();

    public DbSet<TenantCredential> Credentials => Set<TenantCredential>();

    public DbSet<TenantApiKey> ApiKeys => Set<TenantApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasKey(t => t.Id).HasName("pk_tenants");
            tenant.Property(t => t.Id).HasColumnName("tenant_id").HasMaxLength(63);
            tenant.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
            tenant.Property(t => t.ContactEmail).HasColumnName("contact_email").HasMaxLength(254);
            tenant.Property(t => t.IsActive).HasColumnName("is_active");
            tenant.Property(t => t.Version).HasColumnName("version").IsConcurrencyToken();
            tenant.Property(t => t.CreatedAt).HasColumnName("created_at");
            tenant.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            tenant.Property(t => t.WabaId).HasColumnName("waba_id").HasMaxLength(64);
            tenant.Property(t => t.DisplayPhoneNumber).HasColumnName("display_phone_number").HasMaxLength(32);
            tenant.Property(t => t.GraphApiVersion).HasColumnName("graph_api_version").HasMaxLength(16);
            tenant.Property(t => t.GenesysRegionDomain).HasColumnName("genesys_region_domain").HasMaxLength(64);
            tenant.Property(t => t.GenesysClientId).HasColumnName("genesys_client_id").HasMaxLength(128);
            tenant.Property(t => t.GenesysIntegrationId).HasColumnName("genesys_integration_id").HasMaxLength(64);
            tenant.Property(t => t.RcsAgentId).HasColumnName("rcs_agent_id").HasMaxLength(128);
            tenant.Property(t => t.RcsClientId).HasColumnName("rcs_client_id").HasMaxLength(128);
            tenant.Property(t => t.RcsLinkWithWhatsApp).HasColumnName("rcs_link_with_whatsapp");
            tenant.Property(t => t.RawColdAfterDays).HasColumnName("raw_cold_after_days").HasDefaultValue(StorageRetention.Defaults.RawColdAfterDays);
            tenant.Property(t => t.RawDeleteAfterDays).HasColumnName("raw_delete_after_days").HasDefaultValue(StorageRetention.Defaults.RawDeleteAfterDays);
            tenant.Property(t => t.MediaDeleteAfterDays).HasColumnName("media_delete_after_days").HasDefaultValue(StorageRetention.Defaults.MediaDeleteAfterDays);
            // One integration id routes to exactly one tenant (NULLs, i.e. not configured, do not collide).
            tenant.HasIndex(t => t.GenesysIntegrationId).IsUnique().HasDatabaseName("ux_tenants_genesys_integration_id");
            // One RCS agent belongs to exactly one tenant: its webhooks name only the agent.
            tenant.HasIndex(t => t.RcsAgentId).IsUnique().HasDatabaseName("ux_tenants_rcs_agent_id");
            tenant.HasMany(t => t.PhoneNumbers).WithOne().HasForeignKey(p => p.TenantId);
            tenant.HasMany(t => t.Credentials).WithOne().HasForeignKey(c => c.TenantId);
        });

        modelBuilder.Entity<TenantPhoneNumber>(phone =>
        {
            phone.ToTable("tenant_phone_numbers");
            phone.HasKey(p => p.PhoneNumberId).HasName("pk_tenant_phone_numbers");
            phone.Property(p => p.PhoneNumberId).HasColumnName("phone_number_id").HasMaxLength(64);
            phone.Property(p => p.TenantId).HasColumnName("tenant_id").HasMaxLength(63);
            phone.HasIndex(p => p.TenantId).HasDatabaseName("ix_tenant_phone_numbers_tenant_id");
        });

        modelBuilder.Entity<TenantCredential>(credential =>
        {
            credential.ToTable("tenant_credentials");
            credential.HasKey(c => new { c.TenantId, c.Kind }).HasName("pk_tenant_credentials");
            credential.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(63);
            credential.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(64);
            credential.Property(c => c.KeyId).HasColumnName("key_id").HasMaxLength(64);
            credential.Property(c => c.Ciphertext).HasColumnName("ciphertext");
            credential.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            credential.Property(c => c.RowVersion).IsRowVersion();
            // Rotation looks for rows not yet on the active key.
            credential.HasIndex(c => c.KeyId).HasDatabaseName("ix_tenant_credentials_key_id");
        });

        modelBuilder.Entity<TenantApiKey>(key =>
        {
            key.ToTable("tenant_api_keys");
            key.HasKey(k => k.Id).HasName("pk_tenant_api_keys");
            key.Property(k => k.Id).HasColumnName("api_key_id");
            key.Property(k => k.TenantId).HasColumnName("tenant_id").HasMaxLength(63);
            key.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
            key.Property(k => k.Prefix).HasColumnName("prefix").HasMaxLength(16);
            key.Property(k => k.Hash).HasColumnName("key_hash");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.RevokedAt).HasColumnName("revoked_at");
            key.HasIndex(k => k.Hash).IsUnique().HasDatabaseName("ux_tenant_api_keys_key_hash");
            key.HasIndex(k => k.TenantId).HasDatabaseName("ix_tenant_api_keys_tenant_id");
            key.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId);
        });
    }
}
