namespace WhatsAppGenesys.GenesysSandbox.Agentless;

/// <summary>
/// Genesys's SendAgentlessOutboundMessageRequest (body of POST /api/v2/conversations/messages/agentless), field for field.
/// For messenger type <c>open</c>, <paramref name="FromAddress"/> is the Open Messaging integration's id and
/// <paramref name="ToAddress"/> the customer's id as the integration gave it on inbound (<c>channel.from.id</c>).
/// <paramref name="UseExistingActiveConversation"/> defaults to false, as at Genesys.
/// </summary>
public sealed record SendAgentlessOutboundMessageRequest(
    string? FromAddress,
    string? ToAddress,
    string? ToAddressMessengerType,
    string? TextBody,
    MessagingTemplateRequest? MessagingTemplate,
    bool? UseExistingActiveConversation);

/// <summary>Genesys's MessagingTemplateRequest: a Response Management response and its substitutions.</summary>
public sealed record MessagingTemplateRequest(string? ResponseId, IReadOnlyList<MessagingTemplateParameter>? Parameters);

public sealed record MessagingTemplateParameter(string? Id, string? Value);
