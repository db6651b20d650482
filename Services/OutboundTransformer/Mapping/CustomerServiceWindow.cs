namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// WhatsApp's 24-hour customer-service window: free-form messages (anything but a template) may only be sent within
/// 24 hours of the customer's last message. Checked before sending, because Meta's own rejection (131047) mostly
/// arrives later as a failed status, after the agent believed the message went out.
/// </summary>
public static class CustomerServiceWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static bool IsOpen(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) =>
        lastCustomerMessageAt is { } last && now - last < Length;

    /// <summary>Null when the window is open; otherwise why not, in words an agent can act on.</summary>
    public static OutboundPlan.Reject? Check(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        if (IsOpen(lastCustomerMessageAt, now))
        {
            return null;
        }
        var since = lastCustomerMessageAt is { } last
            ? $"The customer's last message was {Math.Floor((now - last).TotalHours):0} hours ago."
            : "The customer has not written to this number yet.";
        return new OutboundPlan.Reject(Contracts.Genesys.GenesysReasonCode.MessageExpired,
            $"Not sent: WhatsApp only allows free-form messages within 24 hours of the customer's last message. " +
            $"{since} Send an approved message template instead.");
    }
}
