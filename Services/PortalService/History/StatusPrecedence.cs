using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Which status a message shows when Meta's statuses arrive out of order: read beats delivered beats failed beats
/// sent. A late "sent" never hides a "delivered"; a "failed" replaces "sent" (the message never arrived) but not a
/// "delivered" or "read" (it did). Every status is still kept in the status history.
/// </summary>
public static class StatusPrecedence
{
    private static readonly string[] Order = [HistoryStatuses.Sent, HistoryStatuses.Failed, HistoryStatuses.Delivered, HistoryStatuses.Read];

    /// <summary>Rank of a status: higher wins; 0 for none or one the history does not record.</summary>
    public static int Rank(string? status) => status is null ? 0 : Array.IndexOf(Order, status) + 1;

    /// <summary>Does <paramref name="incoming"/> replace <paramref name="current"/> as the message's status?</summary>
    public static bool Supersedes(string incoming, string? current) => Rank(incoming) > Rank(current);

    /// <summary>The statuses <paramref name="incoming"/> replaces (for a conditional update in the database).</summary>
    public static IReadOnlyList<string> Weaker(string incoming) => Order.Take(Math.Max(0, Rank(incoming) - 1)).ToArray();

    /// <summary>The strongest of some statuses, or null when there are none.</summary>
    public static T? Strongest<T>(IEnumerable<T> items, Func<T, string> status) where T : class =>
        items.OrderByDescending(i => Rank(status(i))).FirstOrDefault();
}
