using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Agentless;

/// <summary>
/// Genesys's SendAgentlessOutboundMessageResponse in its default form (without <c>useNormalizedMessage=true</c>), which
/// still carries the deprecated <c>textBody</c>. It has no <c>user</c>, because a client-credentials call has none, and
/// no <c>messagingTemplate</c>, because messenger type open refuses templates. <c>timestamp</c> equals the webhook
/// payload's <c>channel.time</c>.
/// </summary>
public sealed record SendAgentlessOutboundMessageResponse(
    string Id,
    string ConversationId,
    string FromAddress,
    string ToAddress,
    string MessengerType,
    string TextBody,
    bool UseExistingActiveConversation,
    string Timestamp,
    string SelfUri)
{
    public static SendAgentlessOutboundMessageResponse From(SendAgentlessOutboundMessageRequest request, Conversation conversation,
        ConversationMessage message) => new(
        message.Id!,
        conversation.Id.ToString(),
        request.FromAddress!,
        request.ToAddress!,
        request.ToAddressMessengerType!,
        message.Text!,
        request.UseExistingActiveConversation ?? false,
        message.Time!,
        // The platform's address of one message of a conversation (GET …/messages/{conversationId}/messages/{messageId}).
        $"/api/v2/conversations/messages/{conversation.Id}/messages/{message.Id}");
}
