using WhatsAppGenesys.Contracts.Portal;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>An hourly figure as read from <c>analytics_counters</c>.</summary>
public sealed record HourlyFigure(DateTimeOffset BucketStart, string Metric, string Dimension, long Value);

/// <summary>
/// Adds hourly figures up into periods (an hour, or a UTC day of 24 hours) and over the range, and derives the rates
/// and averages from the sums — never averages of averages. Every period of the range is present, empty ones as zeros.
/// </summary>
public static class AnalyticsReportBuilder
{
    public static AnalyticsReport Build(DateTimeOffset from, DateTimeOffset to, string granularity, IEnumerable<HourlyFigure> figures)
    {
        var byPeriod = figures.ToLookup(f => AnalyticsPeriods.StartOf(f.BucketStart, granularity));
        var length = AnalyticsPeriods.LengthOf(granularity);
        var periods = AnalyticsPeriods.Between(from, to, granularity)
            .Select(start => new AnalyticsPeriod(start, start + length, Figures(byPeriod[start])))
            .ToList();
        var all = periods.SelectMany(p => byPeriod[p.Start]);
        return new AnalyticsReport(from, to, granularity, periods, Figures(all));
    }

    public static AnalyticsFigures Figures(IEnumerable<HourlyFigure> figures)
    {
        var sums = figures.GroupBy(f => (f.Metric, f.Dimension)).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        long Sum(string metric) => sums.Where(s => s.Key.Metric == metric).Sum(s => s.Value);
        IReadOnlyDictionary<string, long> By(string metric) => new SortedDictionary<string, long>(
            sums.Where(s => s.Key.Metric == metric && s.Value != 0).ToDictionary(s => s.Key.Dimension, s => s.Value), StringComparer.Ordinal);

        var outbound = Sum(AnalyticsMetrics.Outbound);
        var delivered = Sum(AnalyticsMetrics.Delivered);
        var read = Sum(AnalyticsMetrics.Read);
        var firstResponses = Sum(AnalyticsMetrics.FirstResponses);
        var responses = Sum(AnalyticsMetrics.Responses);
        return new AnalyticsFigures(
            new MessageVolume(Sum(AnalyticsMetrics.Inbound), By(AnalyticsMetrics.Inbound)),
            new MessageVolume(outbound, By(AnalyticsMetrics.Outbound)),
            delivered,
            read,
            AnalyticsRates.Share(delivered, outbound),
            AnalyticsRates.Share(read, outbound),
            new Failures(Sum(AnalyticsMetrics.Failed), By(AnalyticsMetrics.Failed)),
            new ResponseTime(firstResponses, AnalyticsRates.AverageSeconds(Sum(AnalyticsMetrics.FirstResponseMilliseconds), firstResponses)),
            new ResponseTime(responses, AnalyticsRates.AverageSeconds(Sum(AnalyticsMetrics.ResponseMilliseconds), responses)),
            Campaigns(sums));
    }

    private static List<CampaignFunnelFigures> Campaigns(Dictionary<(string Metric, string Dimension), long> sums) =>
        sums.Keys.Where(k => k.Metric.StartsWith(AnalyticsMetrics.CampaignPrefix, StringComparison.Ordinal))
            .Select(k => k.Dimension).Distinct().Order(StringComparer.Ordinal)
            .Select(campaign => CampaignFunnel.Figures(campaign, stage => sums.GetValueOrDefault((CampaignFunnel.MetricOf(stage), campaign))))
            .ToList();
}
