using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// What a forward move of a message's status newly reached, for the figures that count delivered and read once per
/// message. Reaching read counts as delivered too when delivered was skipped or is still to come (a late delivered
/// then moves nothing, being weaker). A move out of failed into delivered or read counts them as well.
/// </summary>
public static class StatusReach
{
    public static bool Delivered(string? previous, string current)
    {
        var delivered = StatusPrecedence.Rank(HistoryStatuses.Delivered);
        return StatusPrecedence.Rank(current) >= delivered && StatusPrecedence.Rank(previous) < delivered;
    }

    public static bool Read(string? previous, string current) =>
        current == HistoryStatuses.Read && previous != HistoryStatuses.Read;
}
