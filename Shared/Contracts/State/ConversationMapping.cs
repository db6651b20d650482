namespace WhatsAppGenesys.Contracts.State;

/// <summary>
/// One customer of one tenant and their conversation. <see cref="CustomerId"/> is the stable key: the wa_id (phone
/// number digits) when Meta sends one, else the business-scoped user id (BSUID) for username-only users.
/// </summary>
public sealed record ConversationMapping(
    string TenantId,
    string CustomerId,
    Guid ConversationId,
    string? WaId,
    string? Bsuid,
    string? ContactName,
    string? PhoneNumberId,
    string? GenesysConversationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? LastInboundAt,
    string? LastInboundMessageId);

/// <summary>Body of <c>POST /state/mapping</c>: resolve the customer's conversation, creating it on first contact.</summary>
public sealed record EnsureMappingRequest(
    string CustomerId,
    string? WaId,
    string? Bsuid,
    string? ContactName,
    string? PhoneNumberId,
    string? DisplayPhoneNumber);

/// <summary>Body of <c>PUT /state/mapping/{customerId}/genesys-conversation</c>.</summary>
public sealed record GenesysConversationLink(string GenesysConversationId);
