using System.Text.Json;
using System.Text.Json.Serialization;
using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// Genesys's SendAgentlessOutboundMessageRequest for an Open Messaging customer. Genesys sends it from the integration
/// (<c>fromAddress</c> is the integration id), records it in the customer's active conversation, and delivers it through
/// the integration's outbound webhook like an agent's message. For Open Messaging it is text only, at most 2000 characters.
/// </summary>
public sealed record GenesysAgentlessMessage(
    [property: JsonPropertyName("fromAddress")] string FromAddress,
    [property: JsonPropertyName("toAddress")] string ToAddress,
    [property: JsonPropertyName("toAddressMessengerType")] string ToAddressMessengerType,
    [property: JsonPropertyName("textBody")] string TextBody,
    [property: JsonPropertyName("useExistingActiveConversation")] bool UseExistingActiveConversation)
{
    public static JsonElement ToOpenMessagingCustomer(string integrationId, string toAddress, string text) =>
        JsonSerializer.SerializeToElement(
            new GenesysAgentlessMessage(integrationId, toAddress, "open", text, UseExistingActiveConversation: true), GenesysJson.Options);
}
