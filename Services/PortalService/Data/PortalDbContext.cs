using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService.Data;

/// <summary>
/// The portal's own database (<c>portaldb</c>): what a business reads and manages in the console, beside the message
/// pipeline's ledger rather than inside it. Every row carries its tenant, and every query filters on it.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<PortalSettingsRow> Settings => Set<PortalSettingsRow>();

    public DbSet<HistoryMessageRow> Messages => Set<HistoryMessageRow>();

    public DbSet<HistoryStatusRow> Statuses => Set<HistoryStatusRow>();

    public DbSet<ErasureAuditRow> Erasures => Set<ErasureAuditRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PortalSettingsRow>(settings =>
        {
            settings.ToTable("portal_settings");
            settings.HasKey(s => s.TenantId);
            settings.Property(s => s.TenantId).HasMaxLength(64);
        });
        HistoryModel.Configure(modelBuilder);
    }
}
