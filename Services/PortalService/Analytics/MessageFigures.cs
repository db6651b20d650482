using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// What a stored message and a status change add to the figures. Volumes count in the hour of the message's own
/// time (Meta's inbound, Genesys's outbound); delivered, read and failed count in the hour the message was sent, so a
/// period's rates compare its messages with what became of those same messages.
/// </summary>
public static class MessageFigures
{
    /// <summary>A message stored for the first time, with the status it was stored with (statuses may overtake it).</summary>
    public static IEnumerable<CounterIncrement> ForNewMessage(HistoryMessageRow row)
    {
        var volume = row.Direction == HistoryDirections.Inbound ? AnalyticsMetrics.Inbound : AnalyticsMetrics.Outbound;
        yield return new CounterIncrement(row.TenantId, row.OccurredAt, volume, row.Type, 1);
        if (row.Direction == HistoryDirections.Outbound && row.Status is { } status)
        {
            foreach (var increment in ForStatusChange(row.TenantId, row.OccurredAt, previous: null, status, row.FailureCode))
            {
                yield return increment;
            }
        }
    }

    /// <summary>
    /// An outbound message's current status moved from <paramref name="previous"/> to <paramref name="current"/>:
    /// delivered and read as <see cref="StatusReach"/> says; a failure counts under Meta's error code.
    /// </summary>
    public static IEnumerable<CounterIncrement> ForStatusChange(string tenantId, DateTimeOffset sentAt, string? previous, string current, string? failureCode)
    {
        if (StatusReach.Delivered(previous, current))
        {
            yield return new CounterIncrement(tenantId, sentAt, AnalyticsMetrics.Delivered, AnalyticsMetrics.None, 1);
        }
        if (StatusReach.Read(previous, current))
        {
            yield return new CounterIncrement(tenantId, sentAt, AnalyticsMetrics.Read, AnalyticsMetrics.None, 1);
        }
        if (current == HistoryStatuses.Failed && previous != HistoryStatuses.Failed)
        {
            var code = string.IsNullOrWhiteSpace(failureCode) ? AnalyticsMetrics.UnknownCode : failureCode.Trim();
            yield return new CounterIncrement(tenantId, sentAt, AnalyticsMetrics.Failed, code, 1);
        }
    }

    /// <summary>An agent's message answered a customer who had been waiting since <paramref name="waitingSince"/>.</summary>
    public static IEnumerable<CounterIncrement> ForResponse(string tenantId, DateTimeOffset waitingSince, DateTimeOffset answeredAt, bool first)
    {
        // Meta's times are whole seconds and Genesys's are not: a reply within the customer's second must not count below zero.
        var milliseconds = Math.Max(0, (long)(answeredAt - waitingSince).TotalMilliseconds);
        yield return new CounterIncrement(tenantId, waitingSince, AnalyticsMetrics.Responses, AnalyticsMetrics.None, 1);
        yield return new CounterIncrement(tenantId, waitingSince, AnalyticsMetrics.ResponseMilliseconds, AnalyticsMetrics.None, milliseconds);
        if (first)
        {
            yield return new CounterIncrement(tenantId, waitingSince, AnalyticsMetrics.FirstResponses, AnalyticsMetrics.None, 1);
            yield return new CounterIncrement(tenantId, waitingSince, AnalyticsMetrics.FirstResponseMilliseconds, AnalyticsMetrics.None, milliseconds);
        }
    }
}
