using Microsoft.EntityFrameworkCore;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>The analytics table: its key is what an increment upserts on and what a report's range scan walks.</summary>
public static class AnalyticsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AnalyticsCounterRow>(counter =>
        {
            counter.ToTable("analytics_counters");
            // Tenant first and hour second: a report reads one tenant's hours [from, to) by this key alone. The shard
            // last: a figure's rows sit together, and every reader adds them up.
            counter.HasKey(c => new { c.TenantId, c.BucketStart, c.Metric, c.Dimension, c.Shard });
            counter.Property(c => c.TenantId).HasMaxLength(64);
            counter.Property(c => c.Metric).HasMaxLength(32);
            counter.Property(c => c.Dimension).HasMaxLength(64);
            // A campaign's funnel over its whole life: its id is the dimension, whatever hours it spans.
            counter.HasIndex(c => new { c.TenantId, c.Dimension });
        });
    }
}
