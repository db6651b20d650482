using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.AdminDashboard.Accounts;

namespace WhatsAppGenesys.AdminDashboard.Data;

/// <summary>
/// The console's own database: operator accounts, and the Data Protection key ring that signs their session cookies
/// and antiforgery tokens (kept here, not on local disk, so a restart or a second replica keeps everyone signed in).
/// </summary>
public sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<OperatorAccount> Operators => Set<OperatorAccount>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OperatorAccount>(account =>
        {
            account.HasKey(a => a.Id);
            account.Property(a => a.Email).HasMaxLength(254);
            // One account per address whatever its case: the address is stored as typed and compared lower-cased.
            account.Property(a => a.NormalizedEmail).HasMaxLength(254);
            account.HasIndex(a => a.NormalizedEmail).IsUnique();
            account.Property(a => a.DisplayName).HasMaxLength(100);
            account.Property(a => a.Role).HasMaxLength(16);
        });
    }
}
