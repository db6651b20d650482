namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>
/// WhatsApp's customer-service window: free-form messages may be sent for 24 hours after the customer's last message;
/// after that only approved templates.
/// </summary>
public static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static bool IsOpen(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) =>
        lastCustomerMessageAt is { } at && now - at < Length;

    public static string Describe(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) =>
        lastCustomerMessageAt is { } at && now - at < Length
            ? $"Free text possible for {RelativeTime.Duration(Length - (now - at))} more"
            : "Outside the 24-hour window: templates only";
}
