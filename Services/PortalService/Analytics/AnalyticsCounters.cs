using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// Adds to the tenants' hourly figures with one upsert (<c>value = value + excluded.value</c>). It runs on the
/// context's connection, so it joins the transaction the caller opened: a figure is added exactly when the row it
/// counts is stored (or its status moved), and not at all when that rolls back or an event is delivered again.
/// </summary>
public sealed class AnalyticsCounters(PortalDbContext db)
{
    public async Task AddAsync(IEnumerable<CounterIncrement> increments, CancellationToken ct)
    {
        // One statement may not touch a row twice (ON CONFLICT), so amounts for the same figure are added up first.
        var merged = increments
            .Where(i => i.Value != 0)
            .GroupBy(i => (i.TenantId, i.BucketStart, i.Metric, i.Dimension))
            .Select(g => (Key: g.Key, Value: g.Sum(i => i.Value)))
            .ToList();
        if (merged.Count == 0)
        {
            return;
        }
        var tenants = merged.Select(m => m.Key.TenantId).ToArray();
        var buckets = merged.Select(m => m.Key.BucketStart).ToArray();
        var metrics = merged.Select(m => m.Key.Metric).ToArray();
        var dimensions = merged.Select(m => m.Key.Dimension).ToArray();
        var values = merged.Select(m => m.Value).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics_counters (tenant_id, bucket_start, metric, dimension, value)
            SELECT * FROM unnest({tenants}, {buckets}, {metrics}, {dimensions}, {values})
            ON CONFLICT (tenant_id, bucket_start, metric, dimension)
            DO UPDATE SET value = analytics_counters.value + excluded.value
            """, ct);
    }
}
