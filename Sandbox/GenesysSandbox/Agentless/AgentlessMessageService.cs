using WhatsAppGenesys.GenesysSandbox.Agent;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OAuth;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Agentless;

/// <summary>
/// Genesys's agentless outbound messaging for Open Messaging: an OAuth client sends text to a customer of its
/// integration with no agent involved. With <c>useExistingActiveConversation</c> the text joins the customer's active
/// conversation if there is one; otherwise it opens a new conversation. It then leaves through the same
/// <see cref="OutboundMessageSender"/> as agent messages, so the integration's webhook receives it signed and shaped alike.
/// </summary>
public sealed class AgentlessMessageService(ConversationStore store, IntegrationRegistry registry, OutboundMessageSender sender)
{
    // Genesys documents the webhook payload as the same whether an agent or an agentless call sent the text, so it
    // carries the originatingEntity an agent's text carries.
    private const string OriginatingEntity = "Human";

    /// <summary>Sends the text; returns Genesys's response or a sentence saying why the request is a bad one.</summary>
    public (SendAgentlessOutboundMessageResponse? Sent, string? Error) Send(AccessToken token, SendAgentlessOutboundMessageRequest request)
    {
        if (AgentlessMessageValidator.Validate(request) is { } error)
        {
            return (null, error);
        }
        // Genesys documents no status for a fromAddress naming no integration of the caller's organization. A body field
        // naming nothing usable is a bad request, and another organization's integration gets the same answer, so nothing
        // shows across organizations (the simulator checks integrations per OAuth client, as on every other endpoint).
        if (!registry.TryGetIntegration(request.FromAddress!, out var integration) || !GenesysApiAuth.Owns(token, integration))
        {
            return (null, $"fromAddress {request.FromAddress} is not an Open Messaging integration this OAuth client may use.");
        }

        var conversation = ConversationFor(integration, request.ToAddress!, request.UseExistingActiveConversation ?? false);
        var message = sender.Send(conversation, integration, OutboundShape.PlainText(request.TextBody!), OriginatingEntity,
            MessageSenders.Agentless);
        return (SendAgentlessOutboundMessageResponse.From(request, conversation, message), null);
    }

    private Conversation ConversationFor(Integration integration, string toAddress, bool useExistingActiveConversation)
    {
        if (useExistingActiveConversation && store.FindActive(integration.Id, toAddress) is { } active)
        {
            return active;
        }
        // A customer who wrote before keeps the details they gave; one never heard from is known only by the address.
        var customer = store.FindCustomer(integration.Id, toAddress) ?? new Customer(toAddress, IdType: null, null, null, null);
        return store.Open(integration.Id, customer);
    }
}
