using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// One campaign's funnel over its whole life: the sum of its hourly figures, found by the (tenant, dimension) index,
/// so the cost is the hours the campaign spans times its six stages, whatever else the tenant counted.
/// </summary>
public sealed class CampaignFunnelReader(PortalDbContext db)
{
    private static readonly string[] Metrics = Enum.GetValues<CampaignFunnelStage>().Select(CampaignFunnel.MetricOf).ToArray();

    public async Task<CampaignFunnelFigures> ReadAsync(string tenantId, Guid campaignId, CancellationToken ct)
    {
        var dimension = campaignId.ToString("D");
        var sums = await db.AnalyticsCounters.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.Dimension == dimension && Metrics.Contains(c.Metric))
            .GroupBy(c => c.Metric)
            .Select(g => new { Metric = g.Key, Value = g.Sum(c => c.Value) })
            .ToDictionaryAsync(s => s.Metric, s => s.Value, ct);
        return CampaignFunnel.Figures(dimension, stage => sums.GetValueOrDefault(CampaignFunnel.MetricOf(stage)));
    }
}
