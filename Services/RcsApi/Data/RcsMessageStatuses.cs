namespace WhatsAppGenesys.RcsApi.Data;

/// <summary>
/// What <c>rcs_responses.status</c> says: the provider's answer to the send (accepted or failed), then what the phone
/// reported about an accepted message (delivered, then read). A status never moves back.
/// </summary>
public static class RcsMessageStatuses
{
    public const string Accepted = "accepted";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
}
