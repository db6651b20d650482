using System.Globalization;

namespace WhatsAppGenesys.GenesysSandbox.Agentless;

/// <summary>
/// Checks an agentless request before anything is looked up. Genesys documents agentless Open Messaging as text only,
/// so a <c>messagingTemplate</c> or a missing <c>textBody</c> is refused, and limits <c>textBody</c> to 765 characters
/// for SMS and 2000 for every other channel. The simulator has Open Messaging integrations only, so every other
/// messenger type is refused too. Each sentence becomes the message of a 400 <c>bad.request</c>.
/// </summary>
public static class AgentlessMessageValidator
{
    public const string OpenMessengerType = "open";
    public const int MaxOpenTextLength = 2000;

    /// <summary>Null when the request can be sent; otherwise what is wrong with it.</summary>
    public static string? Validate(SendAgentlessOutboundMessageRequest request)
    {
        if (string.IsNullOrEmpty(request.FromAddress))
        {
            return "fromAddress is required: for messenger type open it is the Open Messaging integration's id.";
        }
        if (string.IsNullOrEmpty(request.ToAddress))
        {
            return "toAddress is required: the customer's id as the integration gave it on inbound.";
        }
        if (request.ToAddressMessengerType is null)
        {
            return "toAddressMessengerType is required.";
        }
        // Genesys's enum values are lower case and bound case-sensitively.
        if (!string.Equals(request.ToAddressMessengerType, OpenMessengerType, StringComparison.Ordinal))
        {
            return $"The simulator has Open Messaging integrations only: toAddressMessengerType must be \"open\", not \"{request.ToAddressMessengerType}\".";
        }
        if (request.MessagingTemplate is not null)
        {
            return "Agentless messages to messenger type open are text only: messagingTemplate is not supported.";
        }
        if (string.IsNullOrEmpty(request.TextBody))
        {
            return "textBody is required: agentless messages to messenger type open are text only.";
        }
        if (request.TextBody.Length > MaxOpenTextLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"textBody may hold at most {MaxOpenTextLength} characters for messenger type open; it has {request.TextBody.Length}.");
        }
        return null;
    }
}
