namespace WhatsAppGenesys.Contracts.Portal;

// portal-service's analytics report (GET /api/v1/portal/analytics for a tenant, /admin/tenants/{id}/analytics for
// operators), shared with the operator console that draws it.

/// <summary>A tenant's figures for [<see cref="From"/>, <see cref="To"/>), period by period, and over the whole range.</summary>
public sealed record AnalyticsReport(DateTimeOffset From, DateTimeOffset To, string Granularity, IReadOnlyList<AnalyticsPeriod> Periods, AnalyticsFigures Totals);

/// <summary>One hour or UTC day.</summary>
public sealed record AnalyticsPeriod(DateTimeOffset Start, DateTimeOffset End, AnalyticsFigures Figures);

/// <summary>
/// The figures of a period. Delivered, read and failed count the outbound messages <em>sent</em> in the period, so
/// the rates are shares of <see cref="Outbound"/>; response times count in the hour the customer started waiting.
/// </summary>
public sealed record AnalyticsFigures(
    MessageVolume Inbound,
    MessageVolume Outbound,
    long Delivered,
    long Read,
    double? DeliveredRate,
    double? ReadRate,
    Failures Failures,
    ResponseTime FirstResponse,
    ResponseTime Response,
    IReadOnlyList<CampaignFunnelFigures> Campaigns);

/// <summary>A number of messages and how many of each WhatsApp type.</summary>
public sealed record MessageVolume(long Total, IReadOnlyDictionary<string, long> ByType);

/// <summary>Failed outbound messages and how many per Meta error code.</summary>
public sealed record Failures(long Total, IReadOnlyDictionary<string, long> ByCode);

/// <summary>How many answers and their average wait; null when there were none.</summary>
public sealed record ResponseTime(long Count, double? AverageSeconds);

/// <summary>One campaign's funnel in a period (or over its whole life); the rates are shares of <see cref="Sent"/>.</summary>
public sealed record CampaignFunnelFigures(string CampaignId, long Targeted, long Sent, long Delivered, long Read, long Replied, long OptedOut,
    double? DeliveredRate, double? ReadRate, double? ReplyRate, double? OptOutRate);
