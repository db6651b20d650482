namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>An outbound message's delivery state as WhatsApp's ticks: one for sent, two for delivered, two blue for read.</summary>
public static class DeliveryTicks
{
    /// <summary>Statuses only move forward; a late "delivered" after "read" is ignored. Failed is final.</summary>
    public static int Rank(string? status) => status switch
    {
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        "failed" => 4,
        _ => 0,
    };

    public static string Symbol(string? status) => status switch
    {
        "sent" => "✓",
        "delivered" or "read" => "✓✓",
        "failed" => "!",
        _ => "…",
    };

    public static string Describe(string? status, string? failureReason) => status switch
    {
        "sent" => "Sent",
        "delivered" => "Delivered",
        "read" => "Read",
        "failed" => "Not delivered: " + (failureReason ?? "WhatsApp gave no reason."),
        _ => "Sending",
    };
}
