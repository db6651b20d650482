using System.Globalization;
using System.Text;
using WhatsAppGenesys.Contracts.Portal;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// The report as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break), one figure
/// per line: <c>period_start,period_end,metric,dimension,value</c>. A long shape keeps the columns fixed however many
/// message types, error codes or campaigns a tenant has; the numbers are the JSON report's, figure for figure.
/// </summary>
public static class AnalyticsCsv
{
    public const string Header = "period_start,period_end,metric,dimension,value";

    public static async Task WriteAsync(AnalyticsReport report, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(Header);
        foreach (var period in report.Periods)
        {
            foreach (var (metric, dimension, value) in Lines(period.Figures))
            {
                await writer.WriteLineAsync(string.Join(',', Time(period.Start), Time(period.End), Field(metric), Field(dimension), value));
            }
            // Written period by period: a long range reaches the client as it is formatted.
            await writer.FlushAsync(ct);
        }
    }

    /// <summary>A period's figures as (metric, dimension, value); rates and averages only where they exist.</summary>
    public static IEnumerable<(string Metric, string Dimension, string Value)> Lines(AnalyticsFigures figures)
    {
        yield return ("inbound_total", "", Count(figures.Inbound.Total));
        foreach (var (type, count) in figures.Inbound.ByType)
        {
            yield return ("inbound", type, Count(count));
        }
        yield return ("outbound_total", "", Count(figures.Outbound.Total));
        foreach (var (type, count) in figures.Outbound.ByType)
        {
            yield return ("outbound", type, Count(count));
        }
        yield return ("delivered", "", Count(figures.Delivered));
        yield return ("read", "", Count(figures.Read));
        if (figures.DeliveredRate is { } deliveredRate)
        {
            yield return ("delivered_rate", "", Number(deliveredRate));
        }
        if (figures.ReadRate is { } readRate)
        {
            yield return ("read_rate", "", Number(readRate));
        }
        yield return ("failed_total", "", Count(figures.Failures.Total));
        foreach (var (code, count) in figures.Failures.ByCode)
        {
            yield return ("failed", code, Count(count));
        }
        yield return ("first_response_count", "", Count(figures.FirstResponse.Count));
        if (figures.FirstResponse.AverageSeconds is { } firstAverage)
        {
            yield return ("first_response_avg_seconds", "", Number(firstAverage));
        }
        yield return ("response_count", "", Count(figures.Response.Count));
        if (figures.Response.AverageSeconds is { } average)
        {
            yield return ("response_avg_seconds", "", Number(average));
        }
        foreach (var campaign in figures.Campaigns)
        {
            yield return ("campaign_targeted", campaign.CampaignId, Count(campaign.Targeted));
            yield return ("campaign_sent", campaign.CampaignId, Count(campaign.Sent));
            yield return ("campaign_delivered", campaign.CampaignId, Count(campaign.Delivered));
            yield return ("campaign_read", campaign.CampaignId, Count(campaign.Read));
            yield return ("campaign_replied", campaign.CampaignId, Count(campaign.Replied));
            yield return ("campaign_opted_out", campaign.CampaignId, Count(campaign.OptedOut));
        }
    }

    /// <summary>An RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
