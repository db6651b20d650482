namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>The names of the figures kept in <c>analytics_counters</c>, and what their dimension holds.</summary>
public static class AnalyticsMetrics
{
    /// <summary>Customers' messages stored; dimension: the WhatsApp type (text, image, …).</summary>
    public const string Inbound = "inbound";

    /// <summary>Agents' messages Meta accepted; dimension: the WhatsApp type.</summary>
    public const string Outbound = "outbound";

    /// <summary>Outbound messages that reached delivered (or read, which implies it), in the hour they were sent.</summary>
    public const string Delivered = "delivered";

    /// <summary>Outbound messages that reached read, in the hour they were sent.</summary>
    public const string Read = "read";

    /// <summary>Outbound messages Meta reported failed, in the hour they were sent; dimension: Meta's error code.</summary>
    public const string Failed = "failed";

    /// <summary>Conversations whose first agent message answered a customer, in the hour the customer started waiting.</summary>
    public const string FirstResponses = "first_responses";

    /// <summary>The sum of those waits, in milliseconds.</summary>
    public const string FirstResponseMilliseconds = "first_response_ms";

    /// <summary>Agent messages that answered a waiting customer (the first answer after one or more customer messages).</summary>
    public const string Responses = "responses";

    /// <summary>The sum of those waits, in milliseconds.</summary>
    public const string ResponseMilliseconds = "response_ms";

    /// <summary>Prefix of the campaign funnel's figures (<c>campaign_sent</c>, …); dimension: the campaign id.</summary>
    public const string CampaignPrefix = "campaign_";

    /// <summary>The dimension of a failure Meta gave no code for.</summary>
    public const string UnknownCode = "unknown";

    public const string None = "";
}
