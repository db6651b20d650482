using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// Adds to the tenants' hourly figures with one upsert (<c>value = value + excluded.value</c>). It runs on the
/// context's connection, so it joins the transaction the caller opened: a figure is added exactly when the row it
/// counts is stored (or its status moved), and not at all when that rolls back or an event is delivered again.
/// </summary>
/// <remarks>
/// An upsert locks the figure's row until the caller commits, and a tenant's busiest figures (this hour's outbound
/// messages, a running campaign's sent) are added to by every message: with one row per figure, every concurrent
/// transaction queued behind the one that held it, for as long as that one took to reach its commit. So each figure
/// is spread over <see cref="Shards"/> rows; an upsert picks one at random, and readers add the shards up.
/// </remarks>
public sealed class AnalyticsCounters(PortalDbContext db)
{
    /// <summary>How many rows one figure is spread over.</summary>
    public const int Shards = 8;

    /// <summary>The row of a figure the next upsert adds to.</summary>
    public static short NextShard() => (short)Random.Shared.Next(Shards);

    public async Task AddAsync(IEnumerable<CounterIncrement> increments, CancellationToken ct)
    {
        // One statement may not touch a row twice (ON CONFLICT), so amounts for the same figure are added up first,
        // and rows are locked in key order, so two upserts of the same figures cannot each hold what the other waits for.
        var merged = increments
            .Where(i => i.Value != 0)
            .GroupBy(i => (i.TenantId, i.BucketStart, i.Metric, i.Dimension))
            .Select(g => (Key: g.Key, Value: g.Sum(i => i.Value)))
            .OrderBy(m => m.Key.TenantId, StringComparer.Ordinal).ThenBy(m => m.Key.BucketStart)
            .ThenBy(m => m.Key.Metric, StringComparer.Ordinal).ThenBy(m => m.Key.Dimension, StringComparer.Ordinal)
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
            INSERT INTO analytics_counters (tenant_id, bucket_start, metric, dimension, value, shard)
            SELECT *, {NextShard()} FROM unnest({tenants}, {buckets}, {metrics}, {dimensions}, {values})
            ON CONFLICT (tenant_id, bucket_start, metric, dimension, shard)
            DO UPDATE SET value = analytics_counters.value + excluded.value
            """, ct);
    }
}
