using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>
/// What a message and a status move add to the counters, and how the report derives rates and averages from sums:
/// a status moving forward counts once, a day is the sum of its hours, nothing to divide by is no figure.
/// </summary>
public class AnalyticsFiguresTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 3, 25, 13, 40, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour = new(2026, 3, 25, 13, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "sent", new string[0])]
    [InlineData(null, "delivered", new[] { "delivered" })]
    [InlineData("sent", "delivered", new[] { "delivered" })]
    [InlineData("delivered", "read", new[] { "read" })]
    // Meta's read can come without (or before) its delivered: a read message was delivered.
    [InlineData("sent", "read", new[] { "delivered", "read" })]
    [InlineData(null, "read", new[] { "delivered", "read" })]
    [InlineData("sent", "failed", new[] { "failed:131026" })]
    [InlineData("failed", "delivered", new[] { "delivered" })]
    public void AStatusMoveCountsWhatTheMessageNewlyReached(string? previous, string current, string[] expected)
    {
        var figures = MessageFigures.ForStatusChange("t1", SentAt, previous, current, current == "failed" ? "131026" : null).ToList();

        Assert.Equal(expected, figures.Select(f => f.Dimension.Length == 0 ? f.Metric : $"{f.Metric}:{f.Dimension}"));
        Assert.All(figures, f => Assert.Equal((Hour, 1L, "t1"), (f.BucketStart, f.Value, f.TenantId)));
    }

    [Fact]
    public void AFailureWithoutACodeCountsAsUnknown()
    {
        var failure = Assert.Single(MessageFigures.ForStatusChange("t1", SentAt, null, HistoryStatuses.Failed, " "));

        Assert.Equal((AnalyticsMetrics.Failed, AnalyticsMetrics.UnknownCode), (failure.Metric, failure.Dimension));
    }

    [Fact]
    public void ANewMessageCountsItsTypeAndTheStatusItWasStoredWith()
    {
        var inbound = MessageFigures.ForNewMessage(Row(HistoryDirections.Inbound, "image", status: null)).ToList();
        var outbound = MessageFigures.ForNewMessage(Row(HistoryDirections.Outbound, "text", status: HistoryStatuses.Read)).ToList();

        Assert.Equal([(AnalyticsMetrics.Inbound, "image")], inbound.Select(f => (f.Metric, f.Dimension)));
        Assert.Equal([(AnalyticsMetrics.Outbound, "text"), (AnalyticsMetrics.Delivered, ""), (AnalyticsMetrics.Read, "")],
            outbound.Select(f => (f.Metric, f.Dimension)));
    }

    [Fact]
    public void AResponseCountsInTheHourTheCustomerStartedWaitingAndNeverBelowZero()
    {
        var waiting = new DateTimeOffset(2026, 3, 25, 13, 59, 30, TimeSpan.Zero);

        var first = MessageFigures.ForResponse("t1", waiting, waiting.AddSeconds(95.5), first: true).ToList();
        var early = MessageFigures.ForResponse("t1", waiting, waiting.AddMilliseconds(-400), first: false).ToList();

        Assert.Equal([(AnalyticsMetrics.Responses, 1L), (AnalyticsMetrics.ResponseMilliseconds, 95_500L), (AnalyticsMetrics.FirstResponses, 1L),
            (AnalyticsMetrics.FirstResponseMilliseconds, 95_500L)], first.Select(f => (f.Metric, f.Value)));
        Assert.All(first, f => Assert.Equal(Hour, f.BucketStart));
        Assert.Equal([(AnalyticsMetrics.Responses, 1L), (AnalyticsMetrics.ResponseMilliseconds, 0L)], early.Select(f => (f.Metric, f.Value)));
    }

    [Theory]
    [InlineData(1, 2, 0.5)]
    [InlineData(2, 3, 0.6667)]
    [InlineData(1, 3, 0.3333)]
    [InlineData(0, 5, 0.0)]
    [InlineData(7, 7, 1.0)]
    public void RatesAreSharesToFourDecimals(long part, long whole, double share)
    {
        Assert.Equal(share, AnalyticsRates.Share(part, whole));
    }

    [Fact]
    public void NothingToDivideByIsNoFigure()
    {
        Assert.Null(AnalyticsRates.Share(0, 0));
        Assert.Null(AnalyticsRates.AverageSeconds(0, 0));
        Assert.Equal(107.5, AnalyticsRates.AverageSeconds(215_000, 2));
        Assert.Equal(0.334, AnalyticsRates.AverageSeconds(1_001, 3));
    }

    [Fact]
    public void ADayAddsUpItsHoursAndDerivesRatesFromTheSumsNotFromHourlyRates()
    {
        var day = new DateTimeOffset(2026, 3, 25, 0, 0, 0, TimeSpan.Zero);
        HourlyFigure[] figures =
        [
            new(day.AddHours(9), AnalyticsMetrics.Outbound, "text", 1),
            new(day.AddHours(9), AnalyticsMetrics.Delivered, "", 1),
            new(day.AddHours(9), AnalyticsMetrics.FirstResponses, "", 1),
            new(day.AddHours(9), AnalyticsMetrics.FirstResponseMilliseconds, "", 60_000),
            new(day.AddHours(17), AnalyticsMetrics.Outbound, "text", 2),
            new(day.AddHours(17), AnalyticsMetrics.Outbound, "image", 1),
            new(day.AddHours(17), AnalyticsMetrics.Failed, "131026", 1),
            new(day.AddHours(17), AnalyticsMetrics.FirstResponses, "", 3),
            new(day.AddHours(17), AnalyticsMetrics.FirstResponseMilliseconds, "", 30_000),
            new(day.AddHours(23), AnalyticsMetrics.Inbound, "text", 4),
            new(day.AddHours(24), AnalyticsMetrics.Inbound, "text", 1),
        ];

        var report = AnalyticsReportBuilder.Build(day, day.AddDays(2), AnalyticsPeriods.Day, figures);

        Assert.Equal([day, day.AddDays(1)], report.Periods.Select(p => p.Start));
        var first = report.Periods[0].Figures;
        Assert.Equal((4L, 4L), (first.Inbound.Total, first.Inbound.ByType["text"]));
        Assert.Equal((4L, 3L, 1L), (first.Outbound.Total, first.Outbound.ByType["text"], first.Outbound.ByType["image"]));
        // 1 of 4 delivered (not the mean of the hours' 100 % and 0 %).
        Assert.Equal((1L, 0.25), (first.Delivered, first.DeliveredRate));
        Assert.Equal((1L, 1L), (first.Failures.Total, first.Failures.ByCode["131026"]));
        // 90 s over 4 first responses (not the mean of the hours' 60 s and 10 s).
        Assert.Equal((4L, 22.5), (first.FirstResponse.Count, first.FirstResponse.AverageSeconds));
        Assert.Equal(0.0, first.ReadRate);
        var second = report.Periods[1].Figures;
        Assert.Equal((1L, 0L), (second.Inbound.Total, second.Outbound.Total));
        Assert.Null(second.DeliveredRate);
        Assert.Null(second.FirstResponse.AverageSeconds);
        Assert.Equal((5L, 4L), (report.Totals.Inbound.Total, report.Totals.Outbound.Total));
    }

    [Fact]
    public void EveryPeriodOfTheRangeIsReportedEvenWhenEmpty()
    {
        var from = new DateTimeOffset(2026, 3, 25, 22, 0, 0, TimeSpan.Zero);

        var report = AnalyticsReportBuilder.Build(from, from.AddHours(3), AnalyticsPeriods.Hour, []);

        Assert.Equal(3, report.Periods.Count);
        Assert.All(report.Periods, p => Assert.Equal((0L, 0L, 0L), (p.Figures.Inbound.Total, p.Figures.Outbound.Total, p.Figures.Failures.Total)));
    }

    [Fact]
    public void ACampaignsFunnelIsItsStagesWithRatesOfWhatWasSent()
    {
        var campaign = Guid.NewGuid();
        var id = campaign.ToString("D");
        HourlyFigure[] figures =
        [
            new(Hour, CampaignFunnel.MetricOf(CampaignFunnelStage.Targeted), id, 10),
            new(Hour, CampaignFunnel.MetricOf(CampaignFunnelStage.Sent), id, 8),
            new(Hour, CampaignFunnel.MetricOf(CampaignFunnelStage.Delivered), id, 6),
            new(Hour.AddHours(1), CampaignFunnel.MetricOf(CampaignFunnelStage.Read), id, 4),
            new(Hour.AddHours(1), CampaignFunnel.MetricOf(CampaignFunnelStage.Replied), id, 2),
            new(Hour.AddHours(2), CampaignFunnel.MetricOf(CampaignFunnelStage.OptedOut), id, 1),
        ];

        var funnel = Assert.Single(AnalyticsReportBuilder.Figures(figures).Campaigns);

        Assert.Equal((id, 10L, 8L, 6L, 4L, 2L, 1L), (funnel.CampaignId, funnel.Targeted, funnel.Sent, funnel.Delivered, funnel.Read, funnel.Replied, funnel.OptedOut));
        Assert.Equal((0.75, 0.5, 0.25, 0.125), (funnel.DeliveredRate, funnel.ReadRate, funnel.ReplyRate, funnel.OptOutRate));
    }

    [Fact]
    public void TheCsvCarriesTheReportsFiguresAndQuotesPerRfc4180()
    {
        HourlyFigure[] figures =
        [
            new(Hour, AnalyticsMetrics.Inbound, "text", 2),
            new(Hour, AnalyticsMetrics.Outbound, "text", 2),
            new(Hour, AnalyticsMetrics.Delivered, "", 1),
            new(Hour, AnalyticsMetrics.Failed, "a,\"b\"", 1),
        ];

        var lines = AnalyticsCsv.Lines(AnalyticsReportBuilder.Figures(figures)).ToList();

        Assert.Contains(("inbound", "text", "2"), lines);
        Assert.Contains(("delivered_rate", "", "0.5"), lines);
        Assert.DoesNotContain(lines, l => l.Metric == "read_rate" && l.Value != "0");
        Assert.DoesNotContain(lines, l => l.Metric == "first_response_avg_seconds");
        Assert.Equal("\"a,\"\"b\"\"\"", AnalyticsCsv.Field("a,\"b\""));
        Assert.Equal("\"two\r\nlines\"", AnalyticsCsv.Field("two\r\nlines"));
        Assert.Equal("text", AnalyticsCsv.Field("text"));
    }

    private static HistoryMessageRow Row(string direction, string type, string? status) => new()
    {
        TenantId = "t1",
        CustomerId = "15550001111",
        Direction = direction,
        MessageId = "wamid.1",
        Type = type,
        OccurredAt = SentAt,
        Status = status,
    };
}
