namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// WhatsApp's customer-service window: for 24 hours after a customer's last message the business may answer with any
/// message; after that, only with an approved template. A conversation is "open" while its window is.
/// </summary>
public static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>A customer message later than this (strictly) keeps a conversation open at <paramref name="now"/>.</summary>
    public static DateTimeOffset OpenAfter(DateTimeOffset now) => now - Length;

    public static bool IsOpen(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) =>
        lastCustomerMessageAt is { } last && last > OpenAfter(now);
}
