namespace WhatsAppGenesys.Contracts.Agents;

/// <summary>
/// The approved templates an agent can send into a conversation from the portal (outside WhatsApp's 24-hour window a
/// template is the only message WhatsApp delivers), each with the fields to fill. Answer of
/// <c>GET /api/v1/agent/conversations/{id}/templates</c>.
/// </summary>
/// <param name="ContactName">The customer's name in the tenant's contacts, when they are one; the prefills come from that contact.</param>
public sealed record AgentTemplateOptions(Guid ConversationId, string? ContactName, IReadOnlyList<AgentTemplateChoice> Templates);

/// <summary>One approved template in one language, as the agent sees it before filling it in.</summary>
public sealed record AgentTemplateChoice(
    string Name,
    string Language,
    string Category,
    string? HeaderText,
    string BodyText,
    string? FooterText,
    IReadOnlyList<AgentTemplateField> Fields);

/// <summary>
/// A placeholder to fill: <paramref name="Component"/> is <c>header</c> or <c>body</c>, <paramref name="Name"/> the
/// placeholder (<c>1</c>, <c>2</c>… or <c>order_number</c>). <paramref name="Prefill"/> comes from the contact's
/// attribute of that name (or their name for <c>name</c>/<c>first_name</c>); <paramref name="Example"/> is the sample
/// the template was approved with.
/// </summary>
public sealed record AgentTemplateField(string Component, string Name, string? Example, string? Prefill);

/// <summary>A filled-in placeholder of a template send.</summary>
public sealed record AgentTemplateValue(string Component, string Name, string Value);

/// <summary>
/// <c>POST /api/v1/agent/conversations/{id}/templates</c>: send an approved template to the customer.
/// <paramref name="ClientMessageId"/> is the page's id for this send: the same id twice reaches the customer once.
/// </summary>
public sealed record AgentTemplateSendRequest(string Name, string Language, IReadOnlyList<AgentTemplateValue> Values, string ClientMessageId);

/// <summary>WhatsApp accepted the template; its statuses follow in the conversation.</summary>
public sealed record AgentTemplateAccepted(Guid ConversationId, string MessageId);
