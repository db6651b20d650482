using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// Reads one tenant's hourly figures of a range by the table's key (tenant, hour): the cost is bounded by the hours
/// in the range and the figures kept per hour, whatever the number of messages behind them.
/// </summary>
public sealed class AnalyticsReader(PortalDbContext db)
{
    public async Task<AnalyticsReport> ReportAsync(string tenantId, AnalyticsRange range, CancellationToken ct)
    {
        var figures = await db.AnalyticsCounters.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.BucketStart >= range.From && c.BucketStart < range.To)
            .Select(c => new HourlyFigure(c.BucketStart, c.Metric, c.Dimension, c.Value))
            .ToListAsync(ct);
        return AnalyticsReportBuilder.Build(range.From, range.To, range.Granularity, figures);
    }
}
