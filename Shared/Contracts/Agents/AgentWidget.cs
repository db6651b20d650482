namespace WhatsAppGenesys.Contracts.Agents;

// The agent widget: a page Genesys Cloud frames in the agent's interaction window, showing the customer of the
// Genesys conversation at hand and sending templates to them (docs/agents.md).

/// <summary>The one origin allowed to frame a tenant's widget: the Genesys Cloud web app of the tenant's region.</summary>
public sealed record AgentWidgetHost(string TenantId, string GenesysOrigin);

/// <summary>What the widget shows for a Genesys conversation: our conversation, its customer, recent messages and campaigns.</summary>
/// <param name="LastCustomerMessageAt">When the customer last wrote: WhatsApp's 24-hour window runs from it.</param>
public sealed record AgentWidgetContext(
    Guid ConversationId,
    string GenesysConversationId,
    AgentWidgetCustomer Customer,
    DateTimeOffset? LastCustomerMessageAt,
    IReadOnlyList<AgentMessage> RecentMessages,
    IReadOnlyList<AgentWidgetCampaign> Campaigns);

/// <summary>
/// The customer as the tenant knows them: the address the conversation runs on, and, when they are a contact, the
/// contact's name, tags and marketing consent.
/// </summary>
public sealed record AgentWidgetCustomer(
    string CustomerId,
    string? PhoneNumber,
    string? Bsuid,
    Guid? ContactId,
    string? Name,
    IReadOnlyList<string> Tags,
    string? ConsentStatus,
    string? ConsentSource,
    DateTimeOffset? ConsentChangedAt);

/// <summary>A campaign that messaged the customer, and how its message fared.</summary>
public sealed record AgentWidgetCampaign(Guid CampaignId, string Name, string TemplateName, string State, DateTimeOffset? SentAt,
    DateTimeOffset? RepliedAt);
